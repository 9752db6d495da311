/**
 * The authorisation sweep: every back-office page and every one of its form actions, for every
 * role and scope, compared with a table written by hand from the policies (test/policies.expected.tsv)
 * – never recorded from the platform's answers. Then what must stay internal (a report's reporter
 * and notes, an internal measure, a closed agenda item and minutes) is looked for wherever a
 * person who should not see it could look.
 *
 * A = Borsdorf, B = Naunhof. staffB is the clerk of the Verwaltungsgemeinschaft Naunhof (staff of
 * Naunhof, Belgershain and Parthenstein); staffA and staffAB (staff of Borsdorf and Naunhof) are
 * invited by the platform admin here, the way a municipality gets its people.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionName, postForms, type PostForm } from './forms.ts';
import { issueApiKey, sessionOf } from './people.ts';
import { everyRoute } from './routes.ts';
import { startServer, type RunningServer } from './server.ts';
import { labelPoint } from './region.ts';

// A server of its own: the sweep signs in a dozen people and writes (invitations, reports, a
// measure, a key), and must not depend on what the other tests did before it.
let server: RunningServer;
let base: string;
const A = '14729060';
const B = '14729300';
const MARK = `ZP${Date.now().toString(36)}`;

const actors = ['citizen', 'orgA', 'modA', 'staffA', 'editorA', 'adminA', 'staffB', 'staffAB', 'coord', 'platform'] as const;
type ActorName = (typeof actors)[number];
const emails: Record<ActorName, string> = {
	citizen: 'buerger@partheland.example',
	orgA: 'verein.borsdorf@partheland.example',
	modA: 'moderation.borsdorf@partheland.example',
	staffA: `sachbearbeitung.${MARK.toLowerCase()}@partheland.example`,
	editorA: 'redaktion.borsdorf@partheland.example',
	adminA: 'admin.borsdorf@partheland.example',
	staffB: 'vg.naunhof@partheland.example',
	staffAB: `springer.${MARK.toLowerCase()}@partheland.example`,
	coord: 'koordination.demo@partheland.example',
	platform: 'admin@partheland.example'
};
const PASSWORD = 'zugriff-probe-2026';

/**
 * Who may open which back-office page: one letter per actor in the order of `actors`
 *   citizen orgA modA staffA editorA adminA staffB staffAB coord platform
 * y = the page (200), n = refused (403, or 404 where the object's existence is itself internal).
 * `{…}` are objects of the demo data or made in `beforeAll`; A's and B's are checked separately.
 */
const pages: [string, string][] = [
	['/verwaltung', 'nnyyyyyyyy'], // backoffice.enter
	['/verwaltung/anliegen', 'nnnyyyyynn'], // report.process: staff of some municipality only
	['/verwaltung/anliegen/{reportA}', 'nnnyyynynn'], // report.readInternal A
	['/verwaltung/anliegen/{reportB}', 'nnnnnnyynn'], // report.readInternal B
	['/verwaltung/anliegen/neu', 'nnnyyyyynn'], // report.enterOnBehalf
	['/verwaltung/anliegen/statistik', 'nnnyyyyynn'],
	['/verwaltung/aufgaben', 'nnnnnnnnny'], // jobs.read
	['/verwaltung/beteiligung', 'nnyyyyyyyy'], // participation.backoffice
	['/verwaltung/beteiligung/{processA}', 'nnyyyynyyy'], // manage, answer or moderate A
	['/verwaltung/beteiligung/{processB}', 'nnnnnnyyyy'],
	['/verwaltung/beteiligung/{processRegion}', 'nnnnnnnnyy'],
	['/verwaltung/beteiligung/moderation', 'nnynyynnyy'], // participation.moderate somewhere
	['/verwaltung/beteiligung/neu', 'nnnnyynnyy'], // participation.manage somewhere
	['/verwaltung/beteiligung/umfragen/{surveyRegion}', 'nnnnnnnnyy'],
	['/verwaltung/beteiligung/umfragen/{surveyRegion}/antworten.csv', 'nnnnnnnnyy'],
	['/verwaltung/buendelung', 'nnnyyyyyyy'], // bundling.read
	['/verwaltung/gremien', 'nnnnnynnyy'], // bodies: the office and the municipality admins (bodies.appoint)
	['/verwaltung/gremien/{body}', 'nnnnnynnyy'],
	['/verwaltung/gremien/sitzungen/{heldMeeting}', 'nnnnnynnyy'],
	['/verwaltung/gremien/vorlagen', 'nnyyyyyyyy'], // the papers are public; submitting is checked per origin
	['/verwaltung/gremien/vorlagen/{paper}', 'nnyyyyyyyy'],
	['/verwaltung/kategorien', 'nnnnnnnnyy'], // categories.manage
	['/verwaltung/kategorien/sonstiges', 'nnnnnnnnyy'],
	['/verwaltung/kommunen', 'nnnnyynnny'], // municipality.edit somewhere
	[`/verwaltung/kommunen/${A}`, 'nnnnyynnny'],
	[`/verwaltung/kommunen/${B}`, 'nnnnnnnnny'],
	[`/verwaltung/kommunen/${A}/teams`, 'nnnnyynnny'],
	[`/verwaltung/kommunen/${B}/teams`, 'nnnnnnnnny'],
	['/verwaltung/kooperation', 'nnnyyyyyyy'], // measure.create somewhere
	['/verwaltung/kooperation/{measureLedByB}', 'nnyyyyyyyy'], // public: measure.read
	['/verwaltung/kooperation/{measureLedByA}', 'nnyyyyyyyy'],
	['/verwaltung/kooperation/{internalMeasureA}', 'nnnyyynyyy'], // measure.readInternal A
	['/verwaltung/kooperation/indikatoren', 'nnnnnnnnyy'], // indicators.goals.manage
	['/verwaltung/kooperation/neu', 'nnnyyyyyyy'],
	['/verwaltung/kooperation/programme', 'nnnnnnnnyy'], // funding.programmes.manage
	['/verwaltung/kooperation/programme/{programme}', 'nnnnnnnnyy'],
	['/verwaltung/leitbild', 'nnnnnnnnyy'], // leitbild.edit
	['/verwaltung/nachrichten', 'nnnnyynnyy'], // news.write somewhere
	['/verwaltung/nachrichten/{newsA}', 'nnnnyynnyy'],
	['/verwaltung/nachrichten/{newsB}', 'nnnnnnnnyy'],
	['/verwaltung/nachrichten/{newsRegion}', 'nnnnnnnnyy'],
	['/verwaltung/nachrichten/neu', 'nnnnyynnyy'],
	['/verwaltung/orte', 'nnnnyynnyy'], // place.edit somewhere
	['/verwaltung/orte/{placeA}', 'nnnnyynnyy'],
	['/verwaltung/orte/{placeB}', 'nnnnnnnnyy'],
	['/verwaltung/orte/neu', 'nnnnyynnyy'],
	['/verwaltung/personen', 'nnnnnynnyy'], // people.view
	['/verwaltung/postausgang', 'nnnnnnnnny'], // outbox.read
	['/verwaltung/postausgang/{mail}', 'nnnnnnnnny'],
	['/verwaltung/protokoll', 'nnnnnynnyy'], // audit.read
	['/verwaltung/schnittstellen', 'nnnnnynnny'], // apikeys.manage
	['/verwaltung/veranstaltungen', 'nnnnyynnyy'], // events.backoffice
	['/verwaltung/veranstaltungen/{eventA}', 'nnnnyynnyy'], // event.publish A
	['/verwaltung/veranstaltungen/{eventB}', 'nnnnnnnnyy'],
	['/verwaltung/veranstaltungen/neu', 'nnnnyynnyy'],
	// the organisers' side of the calendar (event.submit A; an organiser changes only their own)
	['/veranstaltungen/meine', 'yyyyyyyyyy'], // their own submissions: an empty list for everyone else
	['/veranstaltungen/meine/neu', 'nynnnnnnnn'],
	['/veranstaltungen/meine/{submittedEventA}', 'nynnnnnnnn']
];

/**
 * Actions stricter than their page (page `y`, action `n`): the same letters, for the actions named.
 * A form that names a municipality is always posted for B (see `toB`), so "new … " rows read "for B".
 */
const stricter: [string, string[], string][] = [
	['/verwaltung/anliegen/neu', ['default'], 'nnnnnnyynn'], // report.enterOnBehalf B
	['/verwaltung/beteiligung/{processA}', ['speichern', 'umfrage'], 'nnnnyynnyy'], // participation.manage A
	['/verwaltung/beteiligung/{processA}', ['antworten'], 'nnnyyynyyy'], // participation.answer A
	['/verwaltung/beteiligung/{processB}', ['speichern', 'umfrage'], 'nnnnnnnnyy'], // participation.manage B
	['/verwaltung/beteiligung/neu', ['default'], 'nnnnnnnnyy'], // participation.manage B
	['/verwaltung/buendelung', ['post'], 'nnnnnnyyyy'], // bundling.post B
	['/verwaltung/gremien', ['create'], 'nnnnnnnnyy'], // bodies.manage
	['/verwaltung/gremien/{body}', ['rule', 'meeting', 'term'], 'nnnnnnnnyy'], // bodies.manage
	['/verwaltung/gremien/{body}', ['appoint'], 'nnnnnnnnyy'], // bodies.appoint B
	['/verwaltung/gremien/sitzungen/{heldMeeting}', ['agenda', 'editItem', 'moveItem', 'removeItem', 'decide', 'minutes', 'cancel', 'addFile', 'removeFile', 'invite'], 'nnnnnnnnyy'], // decision.record
	['/verwaltung/gremien/sitzungen/{heldMeeting}', ['correct'], 'nnnnnnnnyn'], // decision.correct
	['/verwaltung/gremien/vorlagen', ['default'], 'nnnnnnyyyy'], // paper.submit B
	['/verwaltung/gremien/vorlagen/{paper}', ['update', 'remove', 'addFile', 'removeFile'], 'nnnnnnnnyy'], // paper.submit region
	['/verwaltung/kooperation/{measureLedByB}', ['save', 'progress', 'addMilestone', 'milestoneDone', 'removeMilestone', 'saveCosts', 'removeCosts', 'costKey', 'addAttachment', 'removeAttachment', 'relate', 'unrelate', 'addIndicator', 'addIndicatorValue', 'removeIndicatorValue', 'addApplication', 'updateApplication'], 'nnnnnnyyyy'], // measure.edit B
	['/verwaltung/kooperation/{measureLedByB}', ['addUpdate'], 'nnnyyyyyyy'], // measure.addUpdateAsParticipant A
	['/verwaltung/kooperation/{measureLedByA}', ['save', 'progress', 'addMilestone', 'milestoneDone', 'removeMilestone', 'saveCosts', 'removeCosts', 'costKey', 'addUpdate', 'addAttachment', 'removeAttachment', 'relate', 'unrelate', 'addIndicator', 'addIndicatorValue', 'removeIndicatorValue', 'addApplication', 'updateApplication'], 'nnnyyynyyy'], // measure.edit A (B not taking part)
	['/verwaltung/kooperation/neu', ['default'], 'nnnnnnyyyy'], // measure.create B
	['/verwaltung/nachrichten/neu', ['default'], 'nnnnnnnnyy'], // news.write B
	['/verwaltung/orte/neu', ['default'], 'nnnnnnnnyy'], // place.edit B
	['/verwaltung/veranstaltungen/neu', ['default'], 'nnnnnnnnyy'], // event.publish B
	['/verwaltung/veranstaltungen', ['addSource'], 'nnnnnnnnyy'], // event.publish B
	['/verwaltung/veranstaltungen', ['organiser'], 'nnnnnnnnny'], // grant.organiser B
	['/verwaltung/personen', ['invite'], 'nnnnnnnnny'], // grant.staff B
	['/verwaltung/schnittstellen', ['issue'], 'nnnnnnnnny'] // apikeys.manage B
];

/** Fields that name a municipality: a refused post always aims at B, the other municipality. */
const toB: Record<string, string> = { municipality: B, municipalityAgs: B, leadAgs: B, ags: B, scope: B, originAgs: B, ownerAgs: B, grant: `staff@${B}` };

/** A value the form would accept for an empty field, so that only the authorisation can refuse. */
function plausible(name: string, value: string, aimAtB: boolean) {
	if (aimAtB && name in toB) return toB[name];
	if (value) return value;
	if (name === 'programmeId') return ids.programme;
	// optional fields stay empty: a guess would only make the form invalid
	if (/^(percent\.|phase_)|^(exceptions|additions|rrule|until|openingHours|lat|lon|price|imageAlt|keywords|accessibilityNotes|contact\w*|registrationUrl|onlineUrl|website|source|values)$/.test(name)) return '';
	if (/email/i.test(name)) return `probe.${MARK.toLowerCase()}@example.org`;
	if (/url|website/i.test(name)) return 'https://example.org/probe.ics';
	if (/^(start|end|startTime|endTime|publishTime)$/.test(name)) return name.startsWith('end') ? '12:00' : '10:00';
	if (/(On|Day|day|From|To|Start|End|By|Date)$/.test(name)) return '2027-05-04';
	if (/^(value|baseline|target|budget|actual|quantity|eligibleCosts|requested|granted|count|progress|pointsBudget)$/.test(name)) return '5';
	if (/^(item|related|paperId|measureId|programmeId|measures|cpv)$|Id$/.test(name)) return value;
	return `Zugriffsprobe ${MARK}`;
}

/** Fields a form needs beyond what its page fills in, as a person would complete them (they replace the page's). */
const completions: Record<string, [string, string][]> = {
	'/verwaltung/beteiligung/neu default': [['phase_ideas', 'on'], ['phase_ideas_from', '2027-05-04'], ['phase_ideas_to', '2027-06-04'], ['summary', 'Worum es geht']],
	'/verwaltung/gremien create': [['shortName', 'ZP']],
	'/verwaltung/gremien/vorlagen/{paper} update': [['reference', 'BV 2027/099'], ['title', 'Vorlage zur Probe'], ['text', 'Der Wortlaut der Vorlage zur Probe.'], ['paperDate', '2027-05-04'], ['paperType', 'resolution']], // decided: its page offers no form to copy
	'/verwaltung/kooperation/neu default': [['actionFields', '5'], ['goals', '13']],
	'/verwaltung/veranstaltungen organiser': [['email', 'buergerin@partheland.example']]
};
/** A complete application, for a measure whose page shows none to copy. */
const application = (): [string, string][] => [['programmeId', ids.programme], ['status', 'preparing'], ['eligibleCosts', '1000,00'], ['requested', '500,00']];
const png = new Blob([Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')], { type: 'image/png' });
const pdf = new Blob(['%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'], { type: 'application/pdf' });

const ids: Record<string, string> = {};
const sessions = {} as Record<ActorName, string>;
const resolve = (pattern: string) => pattern.replace(/\{(\w+)\}/g, (_, name) => ids[name] ?? `{${name}}`);
const expectation = (letters: string, actor: ActorName) => letters[actors.indexOf(actor)] === 'y';

const html = () => ({ origin: base, accept: 'text/html' });
const get = (path: string, cookie?: string) => fetch(base + path, { redirect: 'manual', headers: { ...html(), ...(cookie ? { cookie } : {}) } });
function post(path: string, fields: [string, string][], cookie?: string, multipart = false, files: [string, Blob][] = []) {
	const body = multipart ? new FormData() : new URLSearchParams();
	for (const [k, v] of fields) body.append(k, v);
	if (body instanceof FormData) for (const [k, blob] of files) body.append(k, blob, blob.type === 'application/pdf' ? 'probe.pdf' : 'probe.png');
	return fetch(base + path, { method: 'POST', redirect: 'manual', headers: { ...html(), ...(cookie ? { cookie } : {}) }, body });
}

/** The links in the newest mails to `recipient` that contain `path`, read from the outbox. */
async function linksInMails(recipient: string, path: string) {
	const outbox = await (await get('/verwaltung/postausgang', sessions.platform)).text();
	const links: string[] = [];
	for (const [row] of outbox.matchAll(/<tr>[\s\S]*?<\/tr>/g)) {
		if (!row.includes(`<td>${recipient}</td>`)) continue;
		const mail = await (await get(/href="(\/verwaltung\/postausgang\/\d+)"/.exec(row)![1], sessions.platform)).text();
		links.push(...(mail.match(new RegExp(`${path}[A-Za-z0-9_-]+`, 'g')) ?? []));
	}
	return [...new Set(links)];
}

/** A new person invited by the platform admin to `grants`; signs in. */
async function invited(email: string, grants: string[]) {
	for (const grant of grants) expect((await post('/verwaltung/personen?/invite', [['email', email], ['grant', grant]], sessions.platform)).status).toBe(200);
	const [first, ...more] = await linksInMails(email, '/einladung/');
	expect(first, `invitation to ${email}`).toBeTruthy();
	const created = await post(`${first}?/create`, [['displayName', `Probe ${grants.join(' ')}`], ['password', PASSWORD], ['repeat', PASSWORD]]);
	expect(created.status).toBe(303);
	const cookie = created.headers.getSetCookie().find((c) => c.startsWith('sid=') && !c.startsWith('sid=;'))!.split(';')[0];
	for (const link of more) expect((await post(`${link}?/accept`, [], cookie)).status).toBe(303);
	expect(more.length).toBe(grants.length - 1);
	return sessionOf(base, email, PASSWORD);
}

async function json(path: string) {
	return (await fetch(base + path)).json();
}

/** A report entered at the counter by a municipality's staff: reporter and notes are internal. */
async function reportEnteredBy(cookie: string, ags: string, reporter: string) {
	const { lon, lat } = await labelPoint(base, ags);
	const res = await post('/verwaltung/anliegen/neu', [['category', 'sonstiges'], ['description', `Laterne am Weg defekt, gemeldet am Telefon (${MARK}).`], ['lat', String(lat)], ['lon', String(lon)], ['municipality', ags], ['name', reporter], ['email', `${reporter.split(' ')[0].toLowerCase()}.${MARK.toLowerCase()}@example.org`]], cookie);
	expect(res.status).toBe(303);
	const id = /\/verwaltung\/anliegen\/(\d+)/.exec(res.headers.get('location')!)![1];
	expect((await post(`/verwaltung/anliegen/${id}?/note`, [['text', `Interne Notiz ${MARK}: Rückruf vereinbart`]], cookie)).status).toBe(200);
	return id;
}

afterAll(async () => {
	await server?.stop();
	if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
});

beforeAll(async () => {
	server = await startServer({ LOG_LEVEL: 'silent' });
	base = server.url;
	for (const actor of actors) if (!['staffA', 'staffAB'].includes(actor)) sessions[actor] = await sessionOf(base, emails[actor]);
	sessions.staffA = await invited(emails.staffA, [`staff@${A}`]);
	sessions.staffAB = await invited(emails.staffAB, [`staff@${A}`, `staff@${B}`]);

	const naunhof = await labelPoint(base, B);
	const inB: [string, string][] = [['lon', String(naunhof.lon)], ['lat', String(naunhof.lat)]];
	completions['/verwaltung/anliegen/neu default'] = [['category', 'sonstiges'], ['description', `Ein Schlagloch vor dem Haus (${MARK}).`], ...inB];
	completions['/verwaltung/orte/neu default'] = [['category', 'rathaus'], ['openingHours', 'Mo-Fr 09:00-12:00'], ...inB];
	completions['/verwaltung/veranstaltungen/neu default'] = [['categories', 'feste'], ['startDay', '2027-05-04'], ['startTime', '10:00'], ...inB];
	ids.reportA = await reportEnteredBy(sessions.staffA, A, 'Erika Probe');
	ids.reportB = await reportEnteredBy(sessions.staffB, B, 'Norbert Probe');
	const measure = await post('/verwaltung/kooperation/neu', [['title', `Interne Maßnahme ${MARK}`], ['visibility', 'internal'], ['leadAgs', A], ['status', 'idea'], ['actionFields', '5'], ['goals', '13'], ['description', `Nur für die Beteiligten (${MARK}).`]], sessions.staffA);
	expect(measure.status).toBe(303);
	ids.internalMeasureA = /\/verwaltung\/kooperation\/(\d+)/.exec(measure.headers.get('location')!)![1];

	// the demo data's objects of A, of B and of the region, found through the public interfaces
	const measures = (await json('/api/v1/measures')).data as { id: number; leadMunicipality: string; participants: string[] }[];
	ids.measureLedByB = String(measures.find((m) => m.leadMunicipality === B && m.participants.includes(A))!.id);
	ids.measureLedByA = String(measures.find((m) => m.leadMunicipality === A && !m.participants.includes(B))!.id);
	const processes = (await json('/api/v1/participation-processes')).data as { id: number; owner: string | null }[];
	ids.processA = String(processes.find((p) => p.owner === A)!.id);
	ids.processB = String(processes.find((p) => p.owner === B)!.id);
	ids.processRegion = String(processes.find((p) => p.owner === null)!.id);
	const news = (await json('/api/v1/news')).data as { id: number; municipality: string | null }[];
	ids.newsA = String(news.find((n) => n.municipality === A)!.id);
	ids.newsB = String(news.find((n) => n.municipality === B)!.id);
	ids.newsRegion = String(news.find((n) => !n.municipality)!.id);
	const places = (await json('/api/v1/places')).features as { properties: { id: number; municipality: string } }[];
	ids.placeA = String(places.find((p) => p.properties.municipality === A)!.properties.id);
	ids.placeB = String(places.find((p) => p.properties.municipality === B)!.properties.id);
	const events = (await json('/api/v1/events')).data as { event: number; municipality: string }[];
	ids.eventA = String(events.find((e) => e.municipality === A)!.event);
	ids.eventB = String(events.find((e) => e.municipality === B)!.event);
	ids.submittedEventA = /href="\/veranstaltungen\/meine\/(\d+)"/.exec(await (await get('/veranstaltungen/meine', sessions.orgA)).text())![1];
	const meetings = (await json('/api/v1/meetings')).data as { id: number; body: number; status: string }[];
	ids.heldMeeting = String(meetings.find((m) => m.status === 'held')!.id);
	ids.body = String(meetings.find((m) => m.status === 'held')!.body);
	ids.paper = String(((await json('/api/v1/papers')).data as { id: number }[])[0].id);
	ids.programme = String(((await json('/api/v1/funding-programmes')).data as { id: number }[])[0].id);
	ids.surveyRegion = /href="\/verwaltung\/beteiligung\/umfragen\/(\d+)"/.exec(await (await get(`/verwaltung/beteiligung/${ids.processRegion}`, sessions.coord)).text())![1];
	completions['/verwaltung/kooperation/{measureLedByA} updateApplication'] = application();
	ids.mail = /href="\/verwaltung\/postausgang\/(\d+)"/.exec(await (await get('/verwaltung/postausgang', sessions.platform)).text())![1];
}, 180_000);

const backOfficeRoutes = everyRoute((d) => d).filter((r) => r.path.startsWith('/verwaltung') || r.path.startsWith('/veranstaltungen/meine'));
const routeOf = (pattern: string) => {
	const shape = pattern.replace(/\{\w+\}|\d{8}|sonstiges/g, '[x]');
	return backOfficeRoutes.find((r) => r.path.replace(/\[[^\]]+\]/g, '[x]') === shape)!;
};

describe('authorisation sweep: every role and scope, every back-office page and action', () => {
	it('has an expectation for every back-office route', () => {
		const covered = new Set(pages.map(([p]) => routeOf(p)?.path));
		expect(backOfficeRoutes.filter((r) => !covered.has(r.path)).map((r) => r.path)).toEqual([]);
	});

	it('opens each page to exactly the roles the table names', async () => {
		const wrong: string[] = [];
		for (const [pattern, letters] of pages) {
			const path = resolve(pattern);
			for (const actor of actors) {
				const res = await get(path, sessions[actor]);
				await res.arrayBuffer();
				const allowed = expectation(letters, actor);
				if (allowed ? res.status !== 200 : ![403, 404].includes(res.status)) wrong.push(`${path} ${actor}: ${res.status}, expected ${allowed ? 200 : '403/404'}`);
			}
		}
		expect(wrong).toEqual([]);
		expect(pages.length * actors.length).toBeGreaterThan(500);
	}, 300_000);

	it('refuses every action to every role the table or the stricter rules exclude, and nothing is written', async () => {
		// every write is in the audit log, every mail in the outbox: both must read the same afterwards
		const snapshot = async () => Promise.all(['/verwaltung/protokoll', '/verwaltung/postausgang'].map(async (p) => /<main[\s\S]*<\/main>/.exec(await (await get(p, sessions.platform)).text())![0]));
		const before = await snapshot();
		const harvested = new Map<string, PostForm[]>();
		const formsFor = async (path: string, actor: ActorName) => {
			const key = `${actor} ${path}`;
			if (!harvested.has(key)) harvested.set(key, postForms(await (await get(path, sessions[actor])).text(), path));
			return harvested.get(key)!;
		};
		const wrong: string[] = [];
		let posted = 0;
		let fromRealForms = 0;
		let actionsSwept = 0;
		for (const [pattern, letters] of pages) {
			const path = resolve(pattern);
			const route = routeOf(pattern);
			for (const action of route.actions) {
				const rule = stricter.find(([p, names]) => p === pattern && names.includes(action));
				const allowed = (actor: ActorName) => expectation(letters, actor) && (!rule || expectation(rule[2], actor));
				// the form as a person allowed to use it gets it, filled in: only the authorisation may refuse it
				let form: PostForm | undefined;
				for (const owner of [...actors].reverse().filter((a) => expectation(letters, a))) {
					form = (await formsFor(path, owner)).find((f) => actionName(f.action) === action);
					if (form) break;
				}
				actionsSwept++;
				if (form) fromRealForms++;
				// a new thing is aimed at B; a change keeps the object's own municipality
				const aimAtB = !pattern.includes('{') || action === 'appoint';
				const completion = completions[`${pattern} ${action}`] ?? [];
				const fields = [...(form?.fields ?? [['id', '1'], ['title', 'x']]).filter(([k]) => !completion.some(([c]) => c === k)).map(([k, v]) => [k, plausible(k, v, aimAtB)] as [string, string]), ...completion];
				const files = (form?.files ?? []).map(([name, accept]) => [name, /image/.test(accept) ? png : pdf] as [string, Blob]);
				const target = `${path}?${action === 'default' ? '' : `/${action}`}`;
				for (const actor of actors.filter((a) => !allowed(a))) {
					const res = await post(target, fields, sessions[actor], form?.enctype === 'multipart/form-data', files);
					const text = await res.text();
					posted++;
					if (![403, 404].includes(res.status)) wrong.push(`${target} ${actor}: ${res.status} ${/errors:\{[^}]*\}|message:"[^"]*"/.exec(text)?.[0] ?? ''}`);
				}
			}
		}
		console.info(`authorisation sweep: ${posted} refused posts over ${actionsSwept} actions, ${fromRealForms} of them with the form of their page`);
		expect(wrong).toEqual([]);
		expect(await snapshot()).toEqual(before);
		expect(posted).toBeGreaterThan(800);
		expect(fromRealForms).toBeGreaterThan(80);
	}, 600_000);
});

describe('what is internal stays with those it belongs to', () => {
	const viewers = ['guest', ...actors] as const;
	const cookieOf = (viewer: (typeof viewers)[number]) => (viewer === 'guest' ? undefined : sessions[viewer]);
	const read = async (path: string, viewer: (typeof viewers)[number]) => {
		const res = await get(path, cookieOf(viewer));
		return { status: res.status, text: await res.text() };
	};

	it("never shows a report's reporter or internal notes outside its municipality's back office", async () => {
		const secrets = ['Erika Probe', `erika.${MARK.toLowerCase()}@example.org`, 'Interne Notiz'];
		// the secrets are there, for those who process the report
		for (const viewer of ['staffA', 'staffAB'] as const) {
			const { text } = await read(`/verwaltung/anliegen/${ids.reportA}`, viewer);
			for (const secret of secrets) expect(text, `${viewer} sees ${secret}`).toContain(secret);
		}
		const everywhere = [`/anliegen/${ids.reportA}`, '/anliegen', '/anliegen/karte.geojson', `/georeport/v2/requests/${ids.reportA}.json`, '/georeport/v2/requests.json', '/anliegen/statistik', '/opendaten/daten/anliegen.csv', '/suche?q=Laterne'];
		for (const viewer of viewers)
			for (const path of [...everywhere, ...(expectation('nnnyyynynn', viewer as ActorName) ? [] : [`/verwaltung/anliegen/${ids.reportA}`])]) {
				const { status, text } = await read(path, viewer);
				expect(status, `${path} (${viewer})`).toBeLessThan(500);
				for (const secret of secrets) expect(text, `${path} (${viewer}) shows ${secret}`).not.toContain(secret);
			}
	}, 120_000);

	it('shows an internal measure only to the coordination office and the municipalities taking part', async () => {
		const title = `Interne Maßnahme ${MARK}`;
		for (const viewer of viewers) {
			const allowed = viewer !== 'guest' && expectation('nnnyyynyyy', viewer);
			const page = await read(`/kooperation/massnahmen/${ids.internalMeasureA}`, viewer);
			expect(page.status, viewer).toBe(allowed ? 200 : 404);
			expect(page.text.includes(title), viewer).toBe(allowed);
			if (allowed) continue;
			for (const path of ['/kooperation', '/kooperation/massnahmen', '/kooperation/massnahmen.csv', '/api/v1/measures', '/opendaten/daten/massnahmen.csv', `/suche?q=${encodeURIComponent('Interne Maßnahme')}`, `/verwaltung/kooperation/${ids.internalMeasureA}`]) {
				const { status, text } = await read(path, viewer);
				expect(status, `${path} (${viewer})`).toBeLessThan(500);
				expect(text, `${path} (${viewer})`).not.toContain(MARK);
			}
		}
	}, 120_000);

	it("keeps a meeting's closed item and closed minutes for the coordination office", async () => {
		const closed = ['Personalangelegenheit der Koordinierungsstelle', 'um zwei Jahre verlängert'];
		for (const viewer of viewers) {
			const office = viewer === 'coord' || viewer === 'platform';
			const page = await read(`/gremien/sitzungen/${ids.heldMeeting}`, viewer);
			expect(page.status).toBe(200);
			for (const text of closed) expect(page.text.includes(text), `${text} (${viewer})`).toBe(office);
			// the interfaces never read the session: nothing closed for anyone
			for (const path of ['/api/v1/meetings', `/oparl/v1.1/meeting/${ids.heldMeeting}`, '/oparl/v1.1/body/1/meeting']) {
				const { text } = await read(path, viewer);
				for (const secret of closed) expect(text, `${path} (${viewer})`).not.toContain(secret);
			}
		}
	}, 120_000);

	it('lets an API client of A report in A only', async () => {
		const key = await issueApiKey(base, sessions.adminA, `Probe-App ${MARK}`, A);
		const send = async (ags: string, apiKey?: string) => {
			const { lon, lat } = await labelPoint(base, ags);
			const body = new URLSearchParams({ service_code: 'sonstiges', lat: String(lat), long: String(lon), description: `Über die Schnittstelle gemeldet (${MARK}).`, ...(apiKey ? { api_key: apiKey } : {}) });
			return (await fetch(`${base}/georeport/v2/requests.json`, { method: 'POST', body })).status;
		};
		expect(await send(A, key)).toBe(201);
		expect(await send(B, key)).toBe(403);
		expect(await send(A)).toBe(403);
		expect(await send(A, `${key}x`)).toBe(403);
	});
});
