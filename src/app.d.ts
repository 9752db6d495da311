import type { Locale } from '#lib/i18n/localized.ts';

declare global {
	namespace App {
		interface Locals {
			requestId: string;
			locale: Locale;
			demo: boolean;
			/** The signed-in user, or the guest. */
			actor: import('#lib/server/actor.ts').Actor;
			/** The session cookie's token while signed in (to end this session). */
			sessionToken?: string;
			/** Set when the database could not be reached while answering: the answer is a 503. */
			databaseUnavailable?: boolean;
		}
		interface Error {
			message: string;
			status: number;
		}
	}
}

export {};
