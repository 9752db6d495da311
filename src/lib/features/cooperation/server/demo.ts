import type { Db } from '#lib/server/db/client.ts';
import { systemActor, type Actor } from '#lib/server/actor.ts';
import { measureFormSchema, programmeFormSchema } from '../schemas.ts';
import * as queries from './queries.ts';
import {
	addApplication,
	addMeasureUpdate,
	addMilestone,
	createIndicator,
	createMeasure,
	createProgramme,
	measureChoices,
	recordIndicatorValue,
	saveCostYear,
	setCostKey,
	setMilestoneDone,
	setProgress
} from './service.ts';

const office: Actor = { ...systemActor, name: 'Koordinierungsstelle (Demo)' };

type DemoMeasure = {
	title: string;
	description: string;
	lead: string;
	participants: string[];
	fields: number[];
	goals: number[];
	status: string;
	start?: string;
	end?: string;
	lighthouse?: boolean;
	internal?: boolean;
	milestones?: [string, string, string?][];
	costs?: [number, number, number][];
	key?: 'equal' | 'inhabitants' | 'lead' | { percentages: Record<string, number> };
	manual?: [number, string];
	updates?: string[];
};

/** Members by name, so the demo reads like the region and survives a different AGS order. */
const demoMeasures: DemoMeasure[] = [
	{
		title: 'Gemeinsames digitales Bürgerportal',
		description:
			'Ein Portal für alle sieben Kommunen: Anträge online stellen, Termine buchen, Anliegen melden. Die Kommunen teilen sich Betrieb, Pflege und Support.\n\nDie Stadt Naunhof führt, die anderen Kommunen testen und übernehmen das Portal schrittweise.',
		lead: 'Naunhof',
		participants: ['Belgershain', 'Borsdorf', 'Brandis', 'Großpösna', 'Machern', 'Parthenstein'],
		fields: [5],
		goals: [11, 12, 13],
		status: 'in_progress',
		start: '2026-01-01',
		end: '2027-12-31',
		lighthouse: true,
		milestones: [
			['Ausschreibung und Vergabe', '2026-03-31', '2026-03-20'],
			['Pilotbetrieb in Naunhof', '2026-09-30', '2026-09-28'],
			['Übernahme durch alle Kommunen', '2027-06-30']
		],
		costs: [
			[2026, 120_000_00, 87_450_20],
			[2027, 80_000_00, 0]
		],
		key: 'inhabitants',
		updates: ['Der Pilotbetrieb in Naunhof ist gestartet; die ersten 40 Anträge kamen online.', 'Borsdorf und Brandis haben ihre Testphase abgeschlossen.']
	},
	{
		title: 'Radwegenetz Parthenaue',
		description: 'Lückenschluss der Radwege zwischen den Ortsteilen entlang der Parthe, einheitliche Wegweisung und gemeinsame Förderanträge.',
		lead: 'Borsdorf',
		participants: ['Brandis', 'Großpösna', 'Machern'],
		fields: [3, 4],
		goals: [8, 9, 10],
		status: 'planned',
		start: '2027-01-01',
		end: '2029-12-31',
		milestones: [['Machbarkeitsstudie', '2027-06-30']],
		costs: [[2027, 450_000_00, 0]],
		key: { percentages: { Borsdorf: 4000, Brandis: 2000, Großpösna: 2000, Machern: 2000 } }
	},
	{
		title: 'Gemeinsamer Maschinenpool der Bauhöfe',
		description: 'Selten gebrauchte Spezialmaschinen (Hubsteiger, Kehrmaschine, Häcksler) werden gemeinsam beschafft und nach Plan verliehen.',
		lead: 'Brandis',
		participants: ['Borsdorf', 'Machern'],
		fields: [1],
		goals: [1, 7],
		status: 'idea'
	},
	{
		title: 'Wanderkarte und Gästeführer Partheland',
		description: 'Eine gemeinsame Wanderkarte mit Rundwegen aller Kommunen, gedruckt und als offene Daten.',
		lead: 'Großpösna',
		participants: ['Belgershain', 'Naunhof', 'Parthenstein'],
		fields: [4, 6],
		goals: [9, 10, 14],
		status: 'completed',
		start: '2025-03-01',
		end: '2025-11-30',
		milestones: [
			['Wege erfasst', '2025-06-30', '2025-06-15'],
			['Karte gedruckt', '2025-11-30', '2025-11-20']
		],
		costs: [[2025, 18_000_00, 17_240_55]],
		key: 'equal'
	},
	{
		title: 'Klimaschutzmanagement für die Region',
		description: 'Eine gemeinsame Stelle für Klimaschutzmanagement, die Energieberichte und Förderanträge für alle Kommunen übernimmt.',
		lead: 'Machern',
		participants: ['Borsdorf', 'Brandis', 'Naunhof'],
		fields: [3],
		goals: [8],
		status: 'deferred',
		manual: [10, 'Zurückgestellt, bis die Förderrichtlinie 2027 veröffentlicht ist.']
	},
	{
		title: 'Abstimmung der Haushaltsansätze 2027',
		description: 'Interne Abstimmung, welche gemeinsamen Maßnahmen in welchem Haushalt veranschlagt werden.',
		lead: 'Naunhof',
		participants: ['Borsdorf', 'Brandis'],
		fields: [1],
		goals: [3],
		status: 'in_progress',
		internal: true
	}
];

/**
 * Demo content of the cooperation (only with DEMO_DATA, only into an installation without any
 * measure): a handful of realistic joint measures, a funding programme with an application and
 * indicators, so that the cockpit shows what it is for. `npm run demo:remove` takes it out again.
 */
export async function seedDemoCooperation(db: Db) {
	if ((await queries.countMeasures(db)) > 0) return 0;
	const { municipalities, fields, goals } = await measureChoices(db);
	const ags = (name: string) => municipalities.find((m) => m.name === name)?.ags;
	const fieldId = (n: number) => fields.find((f) => f.number === n)?.id;
	const goalId = (n: number) => goals.find((g) => g.number === n)?.id;
	// a region with other members or another Leitbild gets no demo measures
	if (demoMeasures.some((d) => !ags(d.lead) || d.participants.some((p) => !ags(p)) || d.fields.some((f) => !fieldId(f)) || d.goals.some((g) => !goalId(g)))) return 0;

	const programme = await createProgramme(
		db,
		office,
		programmeFormSchema.parse({
			name: 'Digitale Kommunen (Demo-Förderprogramm)',
			funder: 'land',
			rate: '75',
			maxAmount: '200.000',
			deadlines: '2027-03-31 Stichtag Frühjahr\n2027-09-30 Stichtag Herbst',
			actionFields: [fieldId(5), fieldId(1)],
			link: '',
			notes: 'Beispielprogramm der Demo-Daten.',
			active: 'on'
		})
	);

	const ids: number[] = [];
	for (const d of demoMeasures) {
		const id = await createMeasure(
			db,
			office,
			measureFormSchema.parse({
				title: d.title,
				description: d.description,
				leadAgs: ags(d.lead),
				participants: d.participants.map(ags),
				actionFields: d.fields.map((f) => String(fieldId(f))),
				goals: d.goals.map((g) => String(goalId(g))),
				status: d.status,
				startOn: d.start ?? '',
				endOn: d.end ?? '',
				// a contact person is personal data (page only); the office is the organisation
				contactName: 'Demo-Ansprechperson',
				contactOrganisation: 'Koordinierungsstelle Partheland',
				contactEmail: '',
				contactPhone: '',
				visibility: d.internal ? 'internal' : 'public',
				lighthouse: d.lighthouse ? 'on' : ''
			})
		);
		ids.push(id);
		for (const [title, dueOn, doneOn] of d.milestones ?? []) {
			const ms = await addMilestone(db, office, id, { title, dueOn });
			if (doneOn) await setMilestoneDone(db, office, id, ms.id, true, doneOn);
		}
		for (const [year, budget, actual] of d.costs ?? []) await saveCostYear(db, office, id, { year, budget, actual });
		if (d.key === 'inhabitants' || d.key === 'lead') await setCostKey(db, office, id, { kind: d.key });
		else if (d.key && d.key !== 'equal') await setCostKey(db, office, id, { kind: 'percentages', basisPoints: Object.fromEntries(Object.entries(d.key.percentages).map(([name, bp]) => [ags(name)!, bp])) });
		if (d.manual) await setProgress(db, office, id, { mode: 'manual', progress: d.manual[0], reason: d.manual[1] });
		for (const text of d.updates ?? []) await addMeasureUpdate(db, office, id, text);
	}

	const portal = ids[0];
	await addApplication(db, office, portal, { programmeId: programme.id, status: 'granted', eligibleCosts: 200_000_00, requested: 150_000_00, granted: 140_000_00, submitBy: null, submittedOn: '2025-10-15', grantedOn: '2026-01-20', proofDueOn: '2028-06-30' });
	const online = await createIndicator(db, office, { measureId: portal }, { name: 'Online gestellte Anträge je Monat', unit: 'Anträge', baseline: 0, target: 400, direction: 'higher' });
	for (const [on, value] of [['2026-10-01', 40], ['2026-11-01', 95]] as const) await recordIndicatorValue(db, office, online.id, { measuredOn: on, value, source: 'Statistik des Portals' });
	const fibre = await createIndicator(db, office, { goalId: goalId(12)! }, { name: 'Haushalte mit Glasfaseranschluss', unit: '%', baseline: 31, target: 90, direction: 'higher' });
	for (const [on, value] of [['2024-12-31', 31], ['2025-06-30', 38], ['2025-12-31', 47], ['2026-06-30', 55]] as const) await recordIndicatorValue(db, office, fibre.id, { measuredOn: on, value, source: 'Breitbandatlas (Beispielwerte)' });

	await queries.markDemo(db, ids, [programme.id], [fibre.id]);
	return ids.length;
}

/** Removes the demo measures and the demo programme; returns the storage keys of their documents. */
export async function removeDemoCooperation(db: Db) {
	const keys = (await queries.demoAttachmentKeys(db)).map((r) => r.key);
	const removed = await queries.deleteDemo(db);
	return { ...removed, keys };
}
