import { error } from '@sveltejs/kit';
import { config } from '#lib/server/config.ts';
import { db } from '#lib/server/runtime.ts';
import { listMails } from '#lib/server/mail/index.ts';
import { requireStaff } from '#lib/features/accounts/server/web.ts';
import { accountsPolicy } from '#lib/features/accounts/server/policy.ts';

const PAGE = 50;

export const load = async ({ locals, url }) => {
	const actor = requireStaff(locals, url);
	if (!accountsPolicy.readOutbox(actor)) error(403, 'Den Postausgang lesen nur Administratoren der Plattform.');
	const status = (['pending', 'sent', 'failed'] as const).find((s) => s === url.searchParams.get('status'));
	const beforeId = Number(url.searchParams.get('vor')) || undefined;
	const rows = await listMails(db(), { status, beforeId, limit: PAGE + 1 });
	return {
		mails: rows.slice(0, PAGE).map((m) => ({ id: m.id, recipient: m.recipient, subject: m.subject, status: m.status, attempts: m.attempts, lastError: m.lastError, createdAt: m.createdAt, sentAt: m.sentAt })),
		status: status ?? '',
		next: rows.length > PAGE ? rows[PAGE - 1].id : undefined,
		smtp: Boolean(config().SMTP_URL)
	};
};
