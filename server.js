// Partheland's HTTP server: the SvelteKit handler behind a plain Node server, so that the public
// origin (ORIGIN) is applied at run time, shutdown is graceful and start-up problems are told
// plainly. `npm start` builds first (scripts/start.js) and then runs this file.
import fs from 'node:fs';
import http from 'node:http';
import process from 'node:process';

const env = process.env;
const port = Number(env.PORT ?? 3000);
const host = env.HOST ?? '0.0.0.0';
let origin;
try {
	origin = env.ORIGIN ? new URL(env.ORIGIN) : undefined;
} catch {
	console.error(`ORIGIN ist keine gültige URL: ${env.ORIGIN}`);
	process.exit(1);
}

// adapter-node derives the request origin from headers it is told to trust. We set those headers
// ourselves from ORIGIN (or, without it, from the plain HTTP connection), and strip any a client
// sends, so a request can never claim another origin (CSRF check of form actions).
env.PROTOCOL_HEADER = 'x-partheland-proto';
env.HOST_HEADER = 'x-partheland-host';
env.BODY_SIZE_LIMIT ??= '35M'; // three photos of up to 10 MB each, plus the form

let handler;
try {
	({ handler } = await import('./build/handler.js'));
} catch (error) {
	console.error(`\nPartheland konnte nicht starten:\n${error instanceof Error ? error.message : error}\n`);
	process.exit(1);
}

const server = http.createServer((req, res) => {
	delete req.headers['x-partheland-proto'];
	delete req.headers['x-partheland-host'];
	req.headers['x-partheland-proto'] = origin ? origin.protocol.slice(0, -1) : 'http';
	if (origin) req.headers['x-partheland-host'] = origin.host;
	handler(req, res, () => {
		res.statusCode = 404;
		res.end('Not found');
	});
});
server.keepAliveTimeout = 5000;

server.listen(port, host, () => {
	const shown = origin ? origin.href.replace(/\/$/, '') : `http://localhost:${port}`;
	console.log(`\n  Partheland läuft auf ${shown}\n`);
	if (/^(1|true|on|yes)$/.test(env.DEMO_DATA ?? '')) {
		console.log('  Demo-Daten sind eingeschaltet (DEMO_DATA=on).');
		const demo = JSON.parse(fs.readFileSync(new URL('./src/lib/features/accounts/server/demo-people.json', import.meta.url), 'utf8'));
		console.log(`  Demo-Zugänge (Passwort für alle: ${demo.password}):`);
		for (const p of demo.people) console.log(`    ${p.email.padEnd(40)} ${p.label}`);
		console.log('');
	}
});

let stopping = false;
function shutdown(signal) {
	if (stopping) return;
	stopping = true;
	console.log(`${signal}: Partheland wird beendet …`);
	server.closeIdleConnections();
	const force = setTimeout(() => server.closeAllConnections(), Number(env.SHUTDOWN_TIMEOUT ?? 10) * 1000);
	server.close(() => {
		clearTimeout(force);
		// closes the database (hooks.server.ts listens for this event, as with adapter-node)
		process.emit('sveltekit:shutdown', signal);
		setTimeout(() => process.exit(0), 10_000).unref(); // in case something keeps the loop alive
	});
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
