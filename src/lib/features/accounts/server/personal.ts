import type { PersonalField } from '#lib/server/opendata/dataset.ts';

/**
 * Accounts are people: their addresses and names never reach the open data (ideas and comments
 * carry a display name on the pages and in the API only).
 */
export const accountsPersonalFields: PersonalField[] = [
	// an account's id is what ideas, comments, supports, responses and reports refer to it by
	{ table: 'account', column: 'id' },
	{ table: 'account', column: 'email' },
	{ table: 'account', column: 'display_name' },
	{ table: 'account_token', column: 'email' }
];
