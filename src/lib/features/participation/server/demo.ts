import { DateTime } from 'luxon';
import type { Db } from '#lib/server/db/client.ts';
import { findAccountByEmail } from '../../accounts/server/queries.ts';
import { findMunicipalityAt } from '../../region/server/queries.ts';
import { reindexSearch } from '../../search/server/service.ts';
import { defaultIdeaCategories, type Component, type PhaseKind } from '../phases.ts';
import * as queries from './queries.ts';
import * as surveyQueries from './surveys/queries.ts';
import type { AnswerValue } from '../surveys.ts';
import { participationSearchSource } from './service.ts';

const BORSDORF = '14729060';
const NAUNHOF = '14729300';

/**
 * Three demo processes around today: one of the region collecting ideas now, one of Borsdorf
 * finished with its result, one of Naunhof coming up. Written directly (the service would
 * refuse contributions to phases that lie in the past).
 */
export async function seedDemoParticipation(db: Db, now = new Date()) {
	if ((await queries.countProcesses(db)) > 0) return 0;
	const bernd = await findAccountByEmail(db, 'buerger@partheland.example');
	const clara = await findAccountByEmail(db, 'buergerin@partheland.example');
	if (!bernd || !clara) return 0;
	const today = DateTime.fromJSDate(now, { zone: 'Europe/Berlin' }).startOf('day');
	const at = (days: number) => today.plus({ days }).toJSDate();
	const phase = (kind: PhaseKind, from: number, to: number | null, components: Component[]) => ({ kind, startsAt: at(from), endsAt: to === null ? null : at(to), components });
	const measures = await queries.measureTitles(db);
	const measure = measures.find((m) => m.isPublic);

	const radverkehr = await queries.insertProcess(db, {
		title: 'Radverkehr im Partheland: Wo fehlt was?',
		summary: 'Wo fehlen Radwege, Abstellanlagen oder Wegweiser zwischen unseren sieben Kommunen? Sammeln Sie mit uns Ideen für das gemeinsame Radverkehrskonzept.',
		description: 'Die Kooperation erarbeitet ein **gemeinsames Radverkehrskonzept** für alle sieben Kommunen.\n\nBis zum Ende der Ideensammlung können Sie Vorschläge einreichen, unterstützen und diskutieren. Danach verteilen alle Teilnehmenden Punkte; die Lenkungsgruppe berät die Ideen mit den meisten Punkten zuerst.',
		ownerAgs: null,
		municipalities: [],
		published: true,
		pointsBudget: 10,
		ideaCategories: defaultIdeaCategories,
		demo: true
	});
	await queries.replacePhases(db, radverkehr.id, [phase('information', -20, -14, []), phase('ideas', -14, 16, ['submit', 'support', 'comment', 'survey']), phase('prioritisation', 16, 30, ['points', 'comment']), phase('result', 30, null, [])]);
	const ideas = [
		{ authorId: bernd.id, title: 'Radweg entlang der Parthe zwischen Borsdorf und Naunhof', body: 'Zwischen Borsdorf und Naunhof fehlt ein durchgehender Radweg. Entlang der Parthe wäre er sicher und schön.\n\n- abseits der Staatsstraße\n- gut für Schulkinder und Pendler', category: 'Verkehr und Mobilität', point: { lat: 51.3219, lon: 12.5866 }, municipalityAgs: BORSDORF, placeText: 'Partheaue', createdAt: at(-12) },
		{ authorId: clara.id, title: 'Überdachte Fahrradständer am Bahnhof Naunhof', body: 'Am Bahnhof Naunhof stehen die Räder im Regen, und es gibt zu wenige Bügel. Überdachte, abschließbare Stellplätze würden das Pendeln mit der S-Bahn erleichtern.', category: 'Verkehr und Mobilität', point: { lat: 51.2771, lon: 12.5887 }, municipalityAgs: NAUNHOF, placeText: 'Bahnhof Naunhof', createdAt: at(-10) },
		{ authorId: bernd.id, title: 'Einheitliche Radwegweiser in allen sieben Kommunen', body: 'Jede Kommune beschildert anders. Einheitliche Wegweiser mit Entfernungen würden Gästen und Einheimischen helfen.', category: 'Wirtschaft und Tourismus', point: null, municipalityAgs: null, placeText: null, createdAt: at(-6) },
		{ authorId: clara.id, title: 'Reparaturstationen an Rastplätzen', body: 'Eine Luftpumpe und etwas Werkzeug an den Rastplätzen an der Parthe wären eine große Hilfe bei Pannen.', category: 'Freizeit und Kultur', point: { lat: 51.3034, lon: 12.6201 }, municipalityAgs: null, placeText: 'Rastplatz an der Parthe', createdAt: at(-3) }
	];
	const ids: number[] = [];
	for (const idea of ideas) {
		const municipalityAgs = idea.point ? ((await findMunicipalityAt(db, idea.point.lon, idea.point.lat))?.ags ?? null) : null;
		ids.push((await queries.insertIdea(db, { ...idea, municipalityAgs, processId: radverkehr.id, demo: true })).id);
	}
	await queries.addSupport(db, ids[0], clara.id);
	await queries.addSupport(db, ids[1], bernd.id);
	await queries.addSupport(db, ids[2], clara.id);
	const first = await queries.insertComment(db, { ideaId: ids[0], authorId: clara.id, body: 'Sehr gern! Abends ist die Straße für Kinder zu gefährlich.', demo: true, createdAt: at(-11) });
	await queries.insertComment(db, { ideaId: ids[0], parentId: first.id, authorId: bernd.id, body: 'Genau deshalb. Vielleicht auch mit Beleuchtung?', demo: true, createdAt: at(-9) });
	await queries.insertComment(db, { ideaId: ids[1], authorId: bernd.id, body: 'Abschließbare Boxen wären ideal, gern mit Lademöglichkeit für E-Bikes.', demo: true, createdAt: at(-8) });

	const survey = await surveyQueries.insertSurvey(db, { processId: radverkehr.id, title: 'Wie sind Sie im Partheland unterwegs?', intro: 'Drei Minuten für das Radverkehrskonzept. Die Ergebnisse sind öffentlich.', published: true, resultsPublic: true, allowLinks: true, demo: true });
	const q = async (position: number, values: Omit<Parameters<typeof surveyQueries.insertQuestion>[1], 'surveyId' | 'position'>) => (await surveyQueries.insertQuestion(db, { ...values, surveyId: survey.id, position })).id;
	const bike = await q(1, { kind: 'yesno', prompt: 'Fahren Sie regelmäßig Rad?', required: true });
	const purpose = await q(2, { kind: 'multiple', prompt: 'Wofür nutzen Sie das Rad?', options: ['Arbeit', 'Einkauf', 'Schule', 'Freizeit'], dependsOnId: bike, dependsOnValues: ['yes'] });
	const safety = await q(3, { kind: 'scale', prompt: 'Wie sicher fühlen Sie sich auf den Radwegen?' });
	const wish = await q(4, { kind: 'text', prompt: 'Was würde Sie öfter aufs Rad bringen?', maxLength: 500 });
	const text = new Set([wish]);
	const answered = await surveyQueries.upsertAccountResponse(db, survey.id, bernd.id, new Map<number, AnswerValue>([[bike, 'yes'], [purpose, ['Arbeit', 'Freizeit']], [safety, 2], [wish, 'Ein sicherer Weg nach Naunhof.']]), text);
	await surveyQueries.setTextApproval(db, wish, answered, true);
	await surveyQueries.upsertAccountResponse(db, survey.id, clara.id, new Map<number, AnswerValue>([[bike, 'no'], [safety, 3]]), text);

	const park = await queries.insertProcess(db, {
		title: 'Parthepark Borsdorf: ein Spielplatz für alle',
		summary: 'Borsdorf hat gefragt, was der neue Spielplatz im Parthepark bieten soll. Hier steht, was daraus geworden ist.',
		description: 'Der Spielplatz im Parthepark wird erneuert. Kinder, Eltern und Großeltern haben Ideen gesammelt und gewichtet.',
		ownerAgs: BORSDORF,
		municipalities: [BORSDORF],
		published: true,
		pointsBudget: 5,
		ideaCategories: defaultIdeaCategories,
		resultText: 'Der Gemeinderat hat die drei Ideen mit den meisten Punkten in die Planung übernommen. **Baubeginn ist im Frühjahr.** Vielen Dank an alle, die mitgemacht haben!',
		demo: true
	});
	await queries.replacePhases(db, park.id, [phase('ideas', -90, -60, ['submit', 'support', 'comment']), phase('prioritisation', -60, -45, ['points']), phase('result', -45, null, [])]);
	const parkIdeas: number[] = [];
	for (const [i, title] of ['Inklusive Nestschaukel', 'Schattige Sitzplätze für Eltern', 'Wasserspielplatz'].entries()) {
		parkIdeas.push((await queries.insertIdea(db, { processId: park.id, authorId: i % 2 ? clara.id : bernd.id, title, body: 'Damit der Spielplatz für alle Generationen und für Kinder mit und ohne Behinderung da ist.', category: 'Freizeit und Kultur', point: { lat: 51.3466, lon: 12.5376 }, municipalityAgs: BORSDORF, placeText: 'Parthepark', createdAt: at(-85 + i), demo: true })).id);
	}
	for (const [account, points] of [
		[bernd.id, [3, 2, 0]],
		[clara.id, [4, 0, 1]]
	] as const) {
		await queries.ensureBallot(db, park.id, account, 5);
		await queries.replaceAllocations(db, park.id, account, new Map(parkIdeas.map((id, i) => [id, points[i]])));
	}
	await queries.updateIdea(db, parkIdeas[0], { status: 'accepted', answer: 'Die Nestschaukel wird gebaut – barrierefrei erreichbar.', answeredAt: at(-40), measureId: measure?.id ?? null });
	await queries.updateIdea(db, parkIdeas[2], { status: 'rejected', answer: 'Ein Wasserspielplatz ist im Parthepark wegen des Hochwasserschutzes nicht möglich.', answeredAt: at(-40) });

	const markt = await queries.insertProcess(db, {
		title: 'Naunhofer Markt: Ideen für die Innenstadt',
		summary: 'Wie soll der Markt in Zukunft aussehen? Ab nächster Woche sammelt Naunhof Ihre Ideen.',
		description: 'Naunhof plant die Umgestaltung des Marktplatzes und möchte früh wissen, was den Menschen wichtig ist.',
		ownerAgs: NAUNHOF,
		municipalities: [NAUNHOF],
		published: true,
		pointsBudget: 10,
		ideaCategories: defaultIdeaCategories,
		demo: true
	});
	await queries.replacePhases(db, markt.id, [phase('ideas', 10, 40, ['submit', 'support', 'comment']), phase('result', 40, null, [])]);
	await reindexSearch(db, [participationSearchSource]);
	return 3;
}

export async function removeDemoParticipation(db: Db) {
	const removed = await queries.deleteDemoProcesses(db);
	await reindexSearch(db, [participationSearchSource]);
	return removed;
}
