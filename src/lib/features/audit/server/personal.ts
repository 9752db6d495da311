import type { PersonalField } from '#lib/server/opendata/dataset.ts';

/** Who did what in the back office is for coordinators and administrators only. */
export const auditPersonalFields: PersonalField[] = [{ table: 'audit_event', column: 'actor_name' }];
