import type { Dataset } from '#lib/server/opendata/dataset.ts';
import { keysetPage } from '#lib/server/opendata/dataset.ts';
import { lastChange, latest } from '#lib/server/opendata/queries.ts';
import * as queries from './queries.ts';
import { listPublicResultSurveys } from './surveys/queries.ts';
import { surveyResults } from './surveys/service.ts';
import { ideaRecord, presentProcess, type IdeaRecord, type ProcessRecord } from './presenter.ts';

export const processesDataset: Dataset<ProcessRecord, number> = {
	id: 'beteiligungsverfahren',
	title: { de: 'Beteiligungsverfahren', en: 'Participation processes' },
	description: {
		de: 'Die veröffentlichten Beteiligungsverfahren der Kommunen und der Kooperation mit ihren Phasen, dem Stand und der Zahl der Ideen.',
		en: 'The published participation processes of the municipalities and the cooperation with their phases, state and number of ideas.'
	},
	keywords: ['Beteiligung', 'Bürgerbeteiligung', 'Verfahren'],
	themes: ['GOVE', 'SOCI'],
	licence: 'platform',
	columns: [
		{ name: 'id', description: 'Nummer des Verfahrens', value: (p) => p.id },
		{ name: 'title', description: 'Titel', value: (p) => p.title },
		{ name: 'summary', description: 'Kurzbeschreibung', value: (p) => p.summary },
		{ name: 'owner', description: 'AGS der verantwortlichen Kommune; leer: die Region', value: (p) => p.owner },
		{ name: 'municipalities', description: 'AGS der betroffenen Kommunen, durch Semikolon getrennt; leer: die ganze Region', value: (p) => p.municipalities.join(';') },
		{ name: 'state', description: 'upcoming, open, finished', value: (p) => p.state },
		{ name: 'current_phase', description: 'Laufende Phase: information, ideas, discussion, prioritisation, result', value: (p) => p.currentPhase },
		{ name: 'phases', description: 'Phasen als Art:Beginn/Ende (ISO 8601), durch Semikolon getrennt', value: (p) => p.phases.map((ph) => `${ph.kind}:${ph.starts}/${ph.ends ?? ''}`).join(';') },
		{ name: 'points_budget', description: 'Punkte je Person in der Priorisierung', value: (p) => p.pointsBudget },
		{ name: 'ideas', description: 'Sichtbare Ideen', value: (p) => p.ideas },
		{ name: 'url', description: 'Seite des Verfahrens', value: (p) => p.url }
	],
	async page(db, after, limit, origin) {
		// the list reads newest first: the download follows it with a descending keyset
		const rows = await queries.listProcesses(db, { publishedOnly: true, beforeId: after, limit: limit + 1 });
		const phases = await queries.phasesOf(
			db,
			rows.map((r) => r.process.id)
		);
		const now = new Date();
		return keysetPage(
			rows,
			limit,
			(r) =>
				presentProcess(
					r,
					phases.filter((p) => p.processId === r.process.id),
					origin,
					now
				),
			(r) => r.process.id
		);
	},
	modified: (db) => lastChange(db, 'participation_process', 'updated_at', 'published')
};

export const ideasDataset: Dataset<IdeaRecord, number> = {
	id: 'ideen',
	title: { de: 'Ideen aus der Beteiligung', en: 'Ideas from participation' },
	description: {
		de: 'Die sichtbaren Ideen der veröffentlichten Beteiligungsverfahren mit Text, Kategorie, Ort, Stand der offiziellen Antwort, der Maßnahme, zu der sie wurden, und der Zahl der Unterstützungen und Kommentare; ohne Namen der Einreichenden.',
		en: 'The visible ideas of the published participation processes with text, category, place, state of the official answer, the measure they became and the number of supports and comments; without the names of those who submitted them.'
	},
	keywords: ['Beteiligung', 'Ideen', 'Vorschläge', 'Bürgerbeteiligung'],
	themes: ['GOVE', 'SOCI'],
	licence: 'platform',
	columns: [
		{ name: 'id', description: 'Nummer der Idee', value: (i) => i.id },
		{ name: 'process', description: 'Nummer des Verfahrens', value: (i) => i.process },
		{ name: 'title', description: 'Titel', value: (i) => i.title },
		{ name: 'text', description: 'Text (Markdown)', value: (i) => i.text },
		{ name: 'category', description: 'Kategorie', value: (i) => i.category },
		{ name: 'municipality', description: 'AGS der Kommune des Orts', value: (i) => i.municipality },
		{ name: 'place', description: 'Ortsangabe', value: (i) => i.place },
		{ name: 'lat', description: 'Breite (WGS 84)', value: (i) => i.location?.lat },
		{ name: 'lon', description: 'Länge (WGS 84)', value: (i) => i.location?.lon },
		{ name: 'status', description: 'Stand: submitted, reviewing, accepted, rejected, implemented', value: (i) => i.status },
		{ name: 'answer', description: 'Offizielle Antwort', value: (i) => i.answer },
		{ name: 'measure', description: 'Nummer der Maßnahme, zu der die Idee wurde', value: (i) => i.measure },
		{ name: 'supports', description: 'Unterstützungen', value: (i) => i.supports },
		{ name: 'comments', description: 'Sichtbare Kommentare', value: (i) => i.comments },
		{ name: 'created', description: 'Eingereicht (ISO 8601)', value: (i) => i.created },
		{ name: 'edited', description: 'Zuletzt bearbeitet (ISO 8601)', value: (i) => i.edited },
		{ name: 'url', description: 'Seite der Idee', value: (i) => i.url }
	],
	async page(db, after, limit, origin) {
		const rows = await queries.listPublicIdeas(db, { afterId: after, limit: limit + 1 });
		return keysetPage(
			rows,
			limit,
			(r) => ideaRecord(r, origin),
			(r) => r.idea.id
		);
	},
	geometry: (i) => (i.location ? { type: 'Point', coordinates: [i.location.lon, i.location.lat] } : null),
	modified: (db) => lastChange(db, 'idea', 'updated_at', 'hidden_at is null')
};

/** One cell of a survey's results: a question's answer with its count (free texts: the approved text). */
type ResultRow = { survey: number; surveyTitle: string; process: number; responses: number; question: number; kind: string; prompt: string; answered: number; answer: string; count: number | null; percent: number | null; averageRank: number | null; mean: number | null };

export const surveyResultsDataset: Dataset<ResultRow, number> = {
	id: 'umfrageergebnisse',
	title: { de: 'Ergebnisse öffentlicher Umfragen', en: 'Results of public surveys' },
	description: {
		de: 'Die Ergebnisse der Umfragen, deren Verfahren sie veröffentlicht: je Frage und Antwort die Zahl und der Anteil, bei Skalen der Mittelwert, bei Rangfolgen der mittlere Rang, Freitexte nach Freigabe. Einzelne Antworten sind nie enthalten.',
		en: 'The results of the surveys whose process publishes them: per question and answer the count and share, the mean of scales, the average rank of rankings, free texts once approved. Individual responses are never included.'
	},
	keywords: ['Umfragen', 'Beteiligung', 'Ergebnisse'],
	themes: ['GOVE', 'SOCI'],
	licence: 'platform',
	columns: [
		{ name: 'survey', description: 'Nummer der Umfrage', value: (r) => r.survey },
		{ name: 'survey_title', description: 'Titel der Umfrage', value: (r) => r.surveyTitle },
		{ name: 'process', description: 'Nummer des Verfahrens', value: (r) => r.process },
		{ name: 'responses', description: 'Teilnahmen an der Umfrage', value: (r) => r.responses },
		{ name: 'question', description: 'Nummer der Frage', value: (r) => r.question },
		{ name: 'kind', description: 'single, multiple, text, scale, ranking, yesno', value: (r) => r.kind },
		{ name: 'prompt', description: 'Frage', value: (r) => r.prompt },
		{ name: 'answered', description: 'Teilnahmen, die die Frage beantwortet haben', value: (r) => r.answered },
		{ name: 'answer', description: 'Antwort (Auswahl, Skalenwert, yes/no) oder freigegebener Freitext', value: (r) => r.answer },
		{ name: 'count', description: 'Wie oft diese Antwort gegeben wurde', value: (r) => r.count },
		{ name: 'percent', description: 'Anteil an den Antworten auf die Frage in Prozent', value: (r) => r.percent },
		{ name: 'average_rank', description: 'Rangfolge: mittlerer Rang (kleiner ist wichtiger)', value: (r) => r.averageRank },
		{ name: 'mean', description: 'Skala: Mittelwert der Frage', value: (r) => r.mean }
	],
	async page(db, after, limit) {
		// a page is a few surveys, each with all its cells
		const surveys = await listPublicResultSurveys(db, after ?? 0, Math.max(1, Math.ceil(limit / 50)) + 1);
		const take = surveys.slice(0, Math.max(1, Math.ceil(limit / 50)));
		const rows: ResultRow[] = [];
		for (const s of take) {
			const results = await surveyResults(db, s.id);
			for (const q of results.questions) {
				const base = { survey: s.id, surveyTitle: s.title, process: s.processId, responses: results.responses, question: q.id, kind: q.kind, prompt: q.prompt, answered: q.answered, count: null, percent: null, averageRank: null, mean: null };
				for (const r of q.rows) rows.push({ ...base, answer: q.kind === 'yesno' ? (r.label === 'Ja' ? 'yes' : 'no') : r.label, count: r.count, percent: r.percent, mean: q.mean });
				for (const r of q.ranking) rows.push({ ...base, answer: r.label, averageRank: r.average });
				for (const text of q.texts) rows.push({ ...base, answer: text });
			}
		}
		return { rows, next: surveys.length > take.length ? take[take.length - 1].id : undefined };
	},
	modified: async (db) => latest(await lastChange(db, 'survey_response', 'updated_at'), await lastChange(db, 'survey', 'updated_at', 'results_public'))
};
