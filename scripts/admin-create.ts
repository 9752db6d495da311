/**
 * Creates a platform admin: the first account of a new installation (or another one later).
 * Prepares an empty database first (migrations, region file). The password comes from
 * ADMIN_PASSWORD, or a strong one is generated and shown once.
 *
 *   npm run admin:create -- --email it@example.org [--name "Vorname Nachname"]
 */
import crypto from 'node:crypto';
import { parseArgs } from 'node:util';
import { readConfig } from '../src/lib/server/config.ts';
import { openConfiguredDatabase, preparePlatform } from '../src/lib/server/platform.ts';
import { createPlatformAdmin } from '../src/lib/features/accounts/server/service.ts';

const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' } } });
const email = values.email?.trim();
if (!email || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
	console.error('Aufruf: npm run admin:create -- --email adresse@example.org [--name "Name"]');
	process.exit(2);
}
const given = process.env.ADMIN_PASSWORD;
if (given !== undefined && given.length < 10) {
	console.error('ADMIN_PASSWORD muss mindestens 10 Zeichen lang sein.');
	process.exit(2);
}
const password = given ?? crypto.randomBytes(15).toString('base64url');

const cfg = readConfig();
const database = await openConfiguredDatabase(cfg);
try {
	await preparePlatform(database, cfg);
	const { created } = await createPlatformAdmin(database.db, { email, displayName: values.name?.trim() || 'Administration', password });
	if (!created) console.log(`${email} ist bereits Administrator/in der Plattform; nichts geändert.`);
	else {
		console.log(`Administrator/in der Plattform angelegt: ${email}`);
		if (given === undefined) console.log(`Passwort (nur jetzt sichtbar, bitte nach der ersten Anmeldung unter /konto ändern): ${password}`);
	}
} catch (error) {
	console.error((error as Error).message);
	process.exitCode = 1;
} finally {
	await database.close();
}
