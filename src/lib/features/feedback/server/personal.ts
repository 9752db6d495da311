import type { PersonalField } from '#lib/server/opendata/dataset.ts';

/** The address someone left with their accessibility feedback, to be answered. */
export const feedbackPersonalFields: PersonalField[] = [{ table: 'accessibility_feedback', column: 'email' }];
