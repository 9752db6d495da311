import type { Dataset } from '#lib/server/opendata/dataset.ts';
import { lastChange } from '#lib/server/opendata/queries.ts';
import { getLeitbild } from './service.ts';

const modified = (db: Parameters<Dataset['modified']>[0]) => lastChange(db, 'leitbild_revision', 'created_at');

type GoalRecord = { number: number; shortTitle: string; text: string; actionFields: number[] };
type ActionFieldRecord = { number: number; title: string; description: string; goals: number[] };

/** The Leitbild is small: each dataset is one page. */
export const goalsDataset: Dataset<GoalRecord, never> = {
	id: 'leitziele',
	title: { de: 'Leitziele des Leitbilds', en: 'Goals of the mission statement' },
	description: {
		de: 'Die Leitziele des gemeinsamen Leitbilds der Kooperation mit den Handlungsfeldern, denen sie dienen.',
		en: 'The goals of the cooperation’s joint mission statement with the action fields they serve.'
	},
	keywords: ['Leitbild', 'Leitziele', 'Strategie'],
	themes: ['GOVE', 'REGI'],
	licence: 'platform',
	columns: [
		{ name: 'number', description: 'Nummer des Leitziels', value: (g) => g.number },
		{ name: 'short_title', description: 'Kurztitel', value: (g) => g.shortTitle },
		{ name: 'text', description: 'Wortlaut', value: (g) => g.text },
		{ name: 'action_fields', description: 'Nummern der Handlungsfelder, durch Semikolon getrennt', value: (g) => g.actionFields.join(';') }
	],
	async page(db) {
		const leitbild = await getLeitbild(db);
		const goals = leitbild?.content.goals ?? [];
		return { rows: goals.map((g) => ({ number: g.number, shortTitle: g.shortTitle.de, text: g.text.de, actionFields: g.actionFields })), next: undefined };
	},
	modified
};

export const actionFieldsDataset: Dataset<ActionFieldRecord, never> = {
	id: 'handlungsfelder',
	title: { de: 'Handlungsfelder des Leitbilds', en: 'Action fields of the mission statement' },
	description: {
		de: 'Die Handlungsfelder des gemeinsamen Leitbilds mit Beschreibung und den Leitzielen, die zu ihnen gehören.',
		en: 'The action fields of the joint mission statement with their description and the goals that belong to them.'
	},
	keywords: ['Leitbild', 'Handlungsfelder', 'Strategie'],
	themes: ['GOVE', 'REGI'],
	licence: 'platform',
	columns: [
		{ name: 'number', description: 'Nummer des Handlungsfelds', value: (f) => f.number },
		{ name: 'title', description: 'Titel', value: (f) => f.title },
		{ name: 'description', description: 'Beschreibung', value: (f) => f.description },
		{ name: 'goals', description: 'Nummern der Leitziele, durch Semikolon getrennt', value: (f) => f.goals.join(';') }
	],
	async page(db) {
		const leitbild = await getLeitbild(db);
		if (!leitbild) return { rows: [], next: undefined };
		const { goals, actionFields } = leitbild.content;
		return {
			rows: actionFields.map((f) => ({ number: f.number, title: f.title.de, description: f.description.de, goals: goals.filter((g) => g.actionFields.includes(f.number)).map((g) => g.number) })),
			next: undefined
		};
	},
	modified
};
