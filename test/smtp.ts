import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export type ReceivedMail = { from: string; to: string[]; data: string };

/** A real SMTP peer on a free port: mails really travel over the protocol. */
export async function startSmtpServer() {
	const received: ReceivedMail[] = [];
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		onData(stream, session, done) {
			let data = '';
			stream.on('data', (c) => (data += c));
			stream.on('end', () => {
				received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), data });
				done();
			});
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
	return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
