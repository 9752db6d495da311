import type { PersonalField } from '../opendata/dataset.ts';

/** The recipients of mails, kept in the outbox until sent. */
export const mailPersonalFields: PersonalField[] = [{ table: 'mail_outbox', column: 'recipient' }, { table: 'mail_outbox', column: 'reply_to' }];
