import { transaction, type Db } from '#lib/server/db/client.ts';
import { composeMail } from '#lib/server/mail/compose.ts';
import { enqueueMail, redactMails } from '#lib/server/mail/index.ts';
import { pick, translator } from '#lib/i18n/index.ts';
import { findRegion } from '../../region/server/queries.ts';
import { redactEntityChanges } from '../../audit/server/service.ts';
import * as queries from './queries.ts';

const DAY = 86_400_000;

/** The topic under which all mails about a report are filed (for erasure with it). */
export const reportTopic = (id: number) => `report:${id}`;

/**
 * DSGVO: `days` after a report is closed, the reporter's name and e-mail address (and the
 * supporters' addresses) are erased
 * everywhere they were stored: the report, the texts of its history, its audit entries and the
 * mails about it. (Job payloads never hold them: jobs carry only a mail's id.)
 */
export async function eraseReporterData(db: Db, days: number, now = new Date()) {
	let erased = 0;
	for (;;) {
		const due = await queries.listErasable(db, new Date(now.getTime() - days * DAY), 200);
		for (const row of due) {
			// names shorter than three letters would scrub unrelated words
			await transaction(db, async (tx) => {
				const supporters = await queries.listSupporterEmails(tx, row.id);
				const secrets = [row.reporterEmail, row.reporterName, ...supporters].filter((s): s is string => Boolean(s && s.length >= 3));
				await queries.eraseReporter(tx, row.id, secrets);
				await queries.eraseSupporters(tx, row.id);
				if (secrets.length) {
					await redactEntityChanges(tx, 'report', String(row.id), secrets);
					await redactMails(tx, reportTopic(row.id), secrets);
				}
				await queries.insertEvent(tx, { reportId: row.id, kind: 'erased', municipalityId: row.municipalityId, actorName: 'System' });
			});
			erased++;
		}
		if (due.length < 200) return erased;
	}
}

/**
 * Eskalation: confirmed reports without a first response after `days` are named to the
 * municipality's mailbox, once, in one mail per municipality.
 */
export async function escalateOverdueReports(db: Db, days: number, ctx: { origin: string }, now = new Date()) {
	const overdue = await queries.listOverdue(db, new Date(now.getTime() - days * DAY));
	const region = await findRegion(db);
	const t = translator('de', { region: region?.name ?? '' });
	const mailIds: number[] = [];
	const byMunicipality = Map.groupBy(overdue, (r) => r.municipalityId);
	await transaction(db, async (tx) => {
		for (const rows of byMunicipality.values()) {
			const mailbox = rows[0].mailbox;
			if (mailbox) {
				mailIds.push(
					await enqueueMail(tx, {
						...composeMail(mailbox, 'de', {
							subject: t('mail.report.overdue.subject', { count: String(rows.length), municipality: rows[0].municipality }),
							paragraphs: [
								t('mail.report.overdue.body', { days: String(days) }),
								rows.map((r) => `Nr. ${r.id} – ${pick(r.category, 'de').text}: ${ctx.origin}/verwaltung/anliegen/${r.id}`).join('\n')
							],
							action: { label: t('mail.report.new.action'), url: `${ctx.origin}/verwaltung/anliegen?ueberfaellig=1` },
							footer: t('mail.report.new.footer')
						}),
						topic: 'report-escalation'
					})
				);
			}
			await queries.markEscalated(tx, rows.map((r) => r.id));
		}
	});
	return { reports: overdue.length, mailIds };
}

/**
 * Morning summary (weekdays): the reports since the previous run, so Monday's covers the weekend,
 * for municipalities that asked for it.
 */
export async function sendDigests(db: Db, ctx: { origin: string }, now = new Date()) {
	const days = now.getDay() === 1 ? 3 : 1;
	const rows = await queries.listForDigest(db, new Date(now.getTime() - days * DAY), now);
	const region = await findRegion(db);
	const t = translator('de', { region: region?.name ?? '' });
	const mailIds: number[] = [];
	await transaction(db, async (tx) => {
		for (const list of Map.groupBy(rows, (r) => r.municipalityId).values()) {
			mailIds.push(
				await enqueueMail(tx, {
					...composeMail(list[0].mailbox!, 'de', {
						subject: t('mail.report.digest.subject', { count: String(list.length), municipality: list[0].municipality }),
						paragraphs: [t('mail.report.digest.body'), list.map((r) => `Nr. ${r.id} – ${pick(r.category, 'de').text} (${t(`report.status.${r.status}`)}): ${ctx.origin}/verwaltung/anliegen/${r.id}`).join('\n')],
						action: { label: t('mail.report.new.action'), url: `${ctx.origin}/verwaltung/anliegen` },
						footer: t('mail.report.new.footer')
					}),
					topic: 'report-digest'
				})
			);
		}
	});
	return mailIds;
}
