import { transaction, type Db } from '#lib/server/db/client.ts';
import { composeMail } from '#lib/server/mail/compose.ts';
import { enqueueMail } from '#lib/server/mail/index.ts';
import { berlinDate } from '#lib/server/time.ts';
import { regionQueries } from '../../region/server/index.ts';
import { formatEuros } from '../money.ts';
import * as queries from './queries.ts';

/** Days before a deadline when the responsible person is reminded. */
export const REMINDER_DAYS = [14, 3] as const;
const DAY = 86_400_000;

const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
const german = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

/**
 * Reminds the person responsible for a funding application of its next deadline: the submission
 * deadline while it is being prepared, the proof of use (Verwendungsnachweis) once granted. Each
 * deadline is reminded of once per lead time (14 and 3 days), the shortest lead time that has been
 * reached; a claim row makes that hold across runs and processes. Without a responsible person the
 * coordination office is written to. Staff mails are German, like the back office.
 */
export async function sendFundingReminders(db: Db, ctx: { origin: string }, today = berlinDate()) {
	const rows = await queries.applicationsWithDeadlines(db);
	const region = await regionQueries.findRegion(db);
	const fallback = region?.coordinationOffice.email;
	const mailIds: number[] = [];
	await transaction(db, async (tx) => {
		for (const r of rows) {
			const a = r.application;
			const deadline = a.status === 'preparing' ? a.submitBy : a.proofDueOn;
			if (!deadline) continue;
			const left = daysBetween(today, deadline);
			if (left < 0) continue;
			const lead = Math.min(...REMINDER_DAYS.filter((d) => left <= d));
			if (!Number.isFinite(lead)) continue;
			const kind = a.status === 'preparing' ? 'submit' : 'proof';
			if (!(await queries.claimReminder(tx, { applicationId: a.id, kind, deadline, daysBefore: lead }))) continue;
			const recipient = r.responsibleEmail ?? fallback;
			if (!recipient) continue;
			const what = kind === 'submit' ? 'Einreichungsfrist' : 'Frist für den Verwendungsnachweis';
			const when = left === 0 ? 'heute' : left === 1 ? 'morgen' : `in ${left} Tagen`;
			mailIds.push(
				await enqueueMail(tx, {
					...composeMail(recipient, 'de', {
						subject: `Förderantrag „${r.programme.name}“: ${what} ${when} (${german(deadline)})`,
						paragraphs: [
							r.responsibleName ? `Guten Tag ${r.responsibleName},` : 'Guten Tag,',
							`für die Maßnahme „${r.measureTitle}“ endet ${when}, am ${german(deadline)}, die ${what} des Förderprogramms „${r.programme.name}“.`,
							kind === 'submit'
								? `Beantragt werden sollen ${formatEuros(a.requestedCents)} bei förderfähigen Kosten von ${formatEuros(a.eligibleCostsCents)}.`
								: `Bewilligt wurden ${formatEuros(a.grantedCents ?? 0)}.`
						],
						action: { label: 'Maßnahme in der Verwaltung öffnen', url: `${ctx.origin}/verwaltung/kooperation/${a.measureId}#foerderung` },
						footer: 'Sie erhalten diese Erinnerung, weil Sie für den Förderantrag zuständig sind.'
					}),
					topic: `funding-application:${a.id}`
				})
			);
		}
	});
	return mailIds;
}
