import type { PersonalField } from '#lib/server/opendata/dataset.ts';

/** Bundling is internal; who wrote in its discussion stays there. */
export const bundlingPersonalFields: PersonalField[] = [{ table: 'bundle_comment', column: 'author_name' }];
