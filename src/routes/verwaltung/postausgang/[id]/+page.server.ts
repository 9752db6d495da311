import { error } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { findMail } from '#lib/server/mail/index.ts';
import { requireStaff } from '#lib/features/accounts/server/web.ts';
import { accountsPolicy } from '#lib/features/accounts/server/policy.ts';

export const load = async ({ locals, url, params }) => {
	const actor = requireStaff(locals, url);
	if (!accountsPolicy.readOutbox(actor)) error(403, 'Den Postausgang lesen nur Administratoren der Plattform.');
	const id = Number(params.id);
	const mail = Number.isSafeInteger(id) && id > 0 ? await findMail(db(), id) : undefined;
	if (!mail) error(404, 'Diese E-Mail gibt es nicht.');
	return {
		mail: {
			id: mail.id, recipient: mail.recipient, replyTo: mail.replyTo, subject: mail.subject, body: mail.body, status: mail.status, createdAt: mail.createdAt,
			locale: mail.locale,
			// text attachments (an invitation's .ics) are shown as text, so admins can check them
			attachments: (mail.attachments ?? []).map((a) => ({ filename: a.filename, contentType: a.contentType, text: a.contentType.startsWith('text/') ? Buffer.from(a.content, 'base64').toString('utf8') : null }))
		}
	};
};
