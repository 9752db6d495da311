/**
 * Zuständigkeitsregeln: reports of a category (optionally only near a layer of lines or areas,
 * e.g. the Kreisstraßen) are forwarded to an outside body by e-mail and closed as "weitergeleitet".
 *
 *   npm run routing:rule -- list
 *   npm run routing:rule -- add --name "Kreisstraßen" --category strassenschaeden \
 *        --layer kreisstrassen.geojson --buffer 15 --target "Landkreis Leipzig" --email strassen@example.org
 *   npm run routing:rule -- off 3      (on 3 switches it back on)
 *
 * Run while the server is stopped when using the embedded database.
 */
import fs from 'node:fs';
import { readConfig } from '../src/lib/server/config.ts';
import { openConfiguredDatabase } from '../src/lib/server/platform.ts';
import { migrateDatabase, SCHEMA_LOCK } from '../src/lib/server/db/migrate.ts';
import { addRoutingRule, layerFromGeoJson, listRoutingRules, ReportError, setRoutingRuleActive } from '../src/lib/features/reports/server/service.ts';

const [command, ...rest] = process.argv.slice(2);
const option = (name: string) => {
	const i = rest.indexOf(`--${name}`);
	return i >= 0 ? rest[i + 1] : undefined;
};

const cfg = readConfig();
const database = await openConfiguredDatabase(cfg);
try {
	await database.withAdvisoryLock(SCHEMA_LOCK, () => migrateDatabase(database, cfg.MIGRATIONS_DIR));
	if (command === 'add') {
		const [name, category, target, email] = [option('name'), option('category'), option('target'), option('email')];
		if (!name || !category || !target || !email) throw new Error('Bitte --name, --category, --target und --email angeben.');
		const layer = option('layer');
		const created = await addRoutingRule(database.db, {
			name,
			categoryCode: category,
			layerGeoJson: layer ? layerFromGeoJson(fs.readFileSync(layer, 'utf8')) : undefined,
			bufferMetres: Number(option('buffer') ?? 0),
			targetName: target,
			targetEmail: email
		});
		console.log(`Regel ${created.id} „${name}“ angelegt.`);
	} else if (command === 'on' || command === 'off') {
		const ok = await setRoutingRuleActive(database.db, Number(rest[0]), command === 'on');
		console.log(ok ? `Regel ${rest[0]} ${command === 'on' ? 'eingeschaltet' : 'ausgeschaltet'}.` : `Keine Regel ${rest[0]}.`);
	} else {
		for (const r of await listRoutingRules(database.db)) {
			console.log(`${r.id}\t${r.active ? 'an ' : 'aus'}\t${r.category}\t${r.hasLayer ? `Ebene ±${r.bufferMetres} m` : 'überall'}\t→ ${r.targetName} <${r.targetEmail}>\t${r.name}`);
		}
	}
} catch (error) {
	console.error(error instanceof ReportError ? `Ungültig: ${error.field}` : (error as Error).message);
	process.exitCode = 1;
} finally {
	await database.close();
}
