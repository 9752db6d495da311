import fs from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedNational } from '../bench/national-seed.ts';
import { LISTED_MUNICIPALITIES } from '../src/lib/features/region/choice.ts';
import { publicRoutes } from './routes.ts';
import { startServer, type RunningServer } from './server.ts';

const pgUrl = process.env.TEST_DATABASE_URL;

/**
 * An installation with more members than a page can list (the national generator's first 140
 * municipalities of the VG250 besides the region's seven): no public page names more than
 * `LISTED_MUNICIPALITIES` of them, every filter takes a typed name and gives back what names no
 * member, the report form resolves a typed name, and the open data describe their coverage by Land.
 * At national scale the same pages shipped every one of 11,160 members (megabytes each).
 */
describe.skipIf(!pgUrl)('an installation with more members than a list can hold', () => {
	const name = `partheland_many_${process.pid}`;
	const admin = new pg.Client({ connectionString: pgUrl });
	const target = new URL(pgUrl!);
	target.pathname = `/${name}`;
	let server: RunningServer;
	let members: { ags: string; name: string; slug: string }[];
	const html = async (path: string) => {
		const res = await fetch(`${server.url}${path}`);
		return { status: res.status, text: await res.text() };
	};
	/** The members a page names as an element's whole text: options, rows, links, list items. */
	const namedMembers = (page: string) => members.filter((m) => page.includes(`>${m.name.replaceAll('&', '&amp;')}<`));

	beforeAll(async () => {
		await admin.connect();
		await admin.query(`drop database if exists ${name} with (force)`);
		await admin.query(`create database ${name}`);
		await seedNational(target.href, { municipalities: 140, reports: 400, points: 100, places: 60, events: 60, measures: 400, ideas: 50 }, () => {});
		const db = new pg.Client({ connectionString: target.href });
		await db.connect();
		members = (await db.query('select ags, name, slug from municipality order by sort_order')).rows;
		await db.end();
		// without demo data: its steering group seats every member, and a decision then rightly names every vote
		server = await startServer({ DATABASE_URL: target.href, DEMO_DATA: 'off' });
	}, 300_000);

	afterAll(async () => {
		await server?.stop();
		if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
		await admin.query(`drop database if exists ${name} with (force)`);
		await admin.end();
	});

	it('names at most the listed number of members on any public page', { timeout: 180_000 }, async () => {
		expect(members.length).toBeGreaterThan(LISTED_MUNICIPALITIES + 20);
		const paths = [...publicRoutes(), '/anliegen/neu?kategorie=sonstiges', '/kommunen?seite=2', '/nachrichten?kommune=region'];
		const named: Record<string, number> = {};
		for (const path of paths) {
			const page = await html(path);
			expect(page.status, path).toBeLessThan(500);
			named[path] = namedMembers(page.text).length;
		}
		expect(Object.entries(named).filter(([, n]) => n > LISTED_MUNICIPALITIES)).toEqual([]);
		// the list of all members is paged, and the home page names twelve and links to all
		expect(named['/kommunen']).toBe(50);
		const home = (await html('/')).text;
		expect(namedMembers(home)).toHaveLength(12);
		expect(home).toContain(`Alle ${members.length} Kommunen`);
	});

	it('filters by a typed name, AGS or slug on every filtered page, and gives back what names no member', async () => {
		const chosen = members[members.length - 1]; // one a list of the first hundred would not contain
		for (const path of ['/anliegen', '/veranstaltungen', '/orte', '/kooperation', '/kooperation/massnahmen', '/nachrichten', '/gremien/beschluesse']) {
			for (const typed of [chosen.name.toLocaleUpperCase('de'), chosen.ags, chosen.slug]) {
				const page = (await html(`${path}?kommune=${encodeURIComponent(typed)}`)).text;
				expect(page, `${path} ${typed}`).toMatch(new RegExp(`<input[^>]*id="kommune"[^>]*value="${chosen.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`));
				expect(page).not.toContain('aria-invalid="true"');
			}
			const unknown = (await html(`${path}?kommune=Gibtsnicht%20am%20See`)).text;
			expect(unknown, path).toMatch(/<input[^>]*id="kommune"[^>]*value="Gibtsnicht am See"[^>]*aria-invalid="true"/);
			expect(unknown).toContain('Gibtsnicht am See');
			expect(unknown, path).not.toContain('<select id="kommune"');
		}
		// the news' own "region" stays reachable beside the text field
		const news = (await html('/nachrichten')).text;
		expect(news).toContain('href="/nachrichten?kommune=region"');
		expect((await html('/nachrichten?kommune=region')).text).toContain('<strong>Nur Nachrichten der Region</strong>');
		// the calendar feed and the places' map take the same typed name
		const ics = (await (await fetch(`${server.url}/veranstaltungen.ics?kommune=${encodeURIComponent(chosen.name)}`)).text()).replace(/\r\n[ \t]/g, ''); // unfolded
		expect(ics).toContain(`X-WR-CALNAME:Veranstaltungen`);
		expect(ics).toContain(chosen.name);
	});

	it('lists the largest cost shares in the cockpit and sums up the rest', async () => {
		const page = (await html('/kooperation')).text;
		const table = /<caption[^>]*>Kostenanteile der Kommunen<\/caption>([\s\S]*?)<\/table>/.exec(page)![1];
		const rows = [...table.matchAll(/<tr><th scope="row"[^>]*>[^<]+<\/th><td class="num[^"]*">([^<]+)<\/td><\/tr>/g)];
		expect(rows).toHaveLength(LISTED_MUNICIPALITIES + 1); // a hundred members and the rest
		expect(table).toMatch(/<tfoot[^>]*><tr><th scope="row"[^>]*>\d+ weitere Kommunen zusammen<\/th>/);
		const euros = rows.map((r) => Number(r[1].replace(/[^\d]/g, '')));
		const listed = euros.slice(0, -1);
		expect(listed).toEqual([...listed].sort((a, b) => b - a)); // largest first
		expect(Math.min(...listed)).toBeGreaterThan(0);
	});

	it('takes a typed municipality in the report form, keeping an unknown one with a message', async () => {
		const form = (await html('/anliegen/neu?kategorie=sonstiges')).text;
		expect(form).toMatch(/<input id="municipality" name="municipality" type="text"/);
		expect(form).not.toContain('id="district"');
		const chosen = members[members.length - 1];
		const post = (municipality: string) =>
			fetch(`${server.url}/anliegen/neu?kategorie=sonstiges`, {
				method: 'POST',
				headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
				body: new URLSearchParams({ category: 'sonstiges', municipality, placeDescription: 'Hauptstraße vor dem Rathaus', description: 'Ein tiefes Schlagloch auf der Fahrbahn.', email: 'melder@example.org' }),
				redirect: 'manual'
			});
		const refused = await post('Gibtsnicht am See');
		expect(refused.status).toBe(400);
		const again = await refused.text();
		expect(again).toContain('Diese Kommune kennen wir nicht');
		expect(again).toMatch(/<input id="municipality"[^>]*value="Gibtsnicht am See"[^>]*aria-invalid="true"/);
		const sent = await post(chosen.name.toLocaleLowerCase('de'));
		expect(sent.status).toBe(303);
		const nr = /nr=(\d+)/.exec(sent.headers.get('location') ?? '')![1];
		const db = new pg.Client({ connectionString: target.href });
		await db.connect();
		const { rows } = await db.query('select m.ags from report r join municipality m on m.id = r.municipality_id where r.id = $1', [nr]);
		await db.end();
		expect(rows).toEqual([{ ags: chosen.ags }]);
	});

	it('describes the open data coverage by Land, in the page and in the DCAT-AP.de catalogue', async () => {
		const states = [...new Set(members.map((m) => m.ags.slice(0, 2)))].sort();
		expect(states.length).toBeGreaterThan(1);
		expect((await html('/opendaten')).text).toContain(`Räumlicher Bezug: ${members.length} Mitgliedskommunen in `);
		const turtle = await (await fetch(`${server.url}/opendaten/catalog.ttl`)).text();
		expect(turtle).not.toContain('municipalityKey');
		for (const s of states) expect(turtle).toContain(`politicalGeocoding/stateKey/${s}>`);
		expect(turtle).toContain('politicalGeocoding/Level/state>');
		// the legal notice and the easy-language page link to the list instead of naming everyone
		expect((await html('/impressum')).text).toContain(`Alle ${members.length} Kommunen`);
		expect((await html('/leichte-sprache')).text).toContain(`sind ${members.length} Gemeinden`);
	});
});
