import { it } from 'vitest';
import { startCluster } from './cluster.ts';
import { startServer } from './server.ts';
import { publicRoutes } from './routes.ts';
it('x', async () => {
	const c = await startCluster();
	const s = await startServer({ DATABASE_URL: c.url });
	const doc = await (await fetch(s.url + '/api/v1/openapi.json')).json();
	const ts = [...Object.keys(doc.paths).map((p) => `/api/v1${p.replace(/\{[^}]+\}/g, '1')}`), '/georeport/v2/services.json','/georeport/v2/requests.xml','/oparl/v1.1/system','/oparl/v1.1/body/partheland/meeting','/veranstaltungen.ics','/nachrichten/rss.xml','/anliegen/karte.geojson','/kooperation/massnahmen.csv','/opendaten/catalog.ttl','/opendaten/daten/anliegen.csv'];
	c.stop('fast');
	for (const t of [...publicRoutes(), ...ts]) {
		try { const r = await fetch(s.url + t, { redirect: 'manual' }); await r.text(); console.log(t, r.status); } catch (e) { console.log('FAIL', t, e); break; }
	}
	console.log(s.output().slice(-6000), s.process.exitCode);
	await s.stop(); c.destroy();
}, 300000);
