import type { QuestionKind } from './server/tables.ts';

/** Umfragen: which questions are asked, and how a posted form becomes answers. */

export type Question = {
	id: number;
	kind: QuestionKind;
	prompt: string;
	help: string | null;
	required: boolean;
	options: string[];
	minChoices: number | null;
	maxChoices: number | null;
	maxLength: number | null;
	dependsOnId: number | null;
	dependsOnValues: string[] | null;
};
export type AnswerValue = string | string[] | number;

export const questionKindLabels: Record<QuestionKind, string> = {
	single: 'Einfachauswahl',
	multiple: 'Mehrfachauswahl',
	text: 'Freitext',
	scale: 'Skala 1 bis 5',
	ranking: 'Rangfolge',
	yesno: 'Ja/Nein'
};

export const SCALE = [1, 2, 3, 4, 5] as const;
export const DEFAULT_TEXT_LENGTH = 1000;

/** The values an answer stands for when another question depends on it. */
function answerValues(value: AnswerValue | undefined): string[] {
	if (value === undefined) return [];
	return Array.isArray(value) ? value : [String(value)];
}

/** Whether a question is asked, given the answers so far (a dependent question follows its condition). */
export function isAsked(q: Question, answers: Map<number, AnswerValue>, byId: Map<number, Question>): boolean {
	if (q.dependsOnId === null) return true;
	const parent = byId.get(q.dependsOnId);
	if (!parent || !isAsked(parent, answers, byId)) return false;
	const given = answerValues(answers.get(q.dependsOnId));
	return given.some((v) => (q.dependsOnValues ?? []).includes(v));
}

/** How a dependency reads for people (and for the page without JavaScript). */
export function conditionText(q: Question, byId: Map<number, Question>): string | null {
	if (q.dependsOnId === null) return null;
	const parent = byId.get(q.dependsOnId);
	if (!parent) return null;
	const values = (q.dependsOnValues ?? []).map((v) => (v === 'yes' ? 'Ja' : v === 'no' ? 'Nein' : v));
	return `Nur, wenn Sie bei „${parent.prompt}“ ${values.map((v) => `„${v}“`).join(' oder ')} gewählt haben.`;
}

/**
 * Reads the answers of a posted survey form (field `q<id>`; choices by their index, rankings as
 * `q<id>_<index>` = rank). Questions not asked are dropped; required ones must be answered.
 */
export function readAnswers(questions: Question[], v: Record<string, string>): { answers: Map<number, AnswerValue> } | { errors: Record<string, string> } {
	const errors: Record<string, string> = {};
	const raw = new Map<number, AnswerValue>();
	for (const q of questions) {
		const field = `q${q.id}`;
		const given = v[field] ?? '';
		const choice = (i: string) => (/^\d+$/.test(i) ? q.options[Number(i)] : undefined);
		switch (q.kind) {
			case 'single': {
				if (!given) break;
				const option = choice(given);
				if (option === undefined) errors[field] = 'Bitte wählen Sie eine der Antworten.';
				else raw.set(q.id, option);
				break;
			}
			case 'yesno':
				if (given === 'yes' || given === 'no') raw.set(q.id, given);
				else if (given) errors[field] = 'Bitte wählen Sie Ja oder Nein.';
				break;
			case 'scale':
				if (!given) break;
				if (/^[1-5]$/.test(given)) raw.set(q.id, Number(given));
				else errors[field] = 'Bitte wählen Sie einen Wert von 1 bis 5.';
				break;
			case 'multiple': {
				const picked = given.split(',').filter(Boolean);
				const options = [...new Set(picked.map(choice))];
				if (options.some((o) => o === undefined)) errors[field] = 'Bitte wählen Sie nur Antworten aus der Liste.';
				else if (options.length) raw.set(q.id, options as string[]);
				break;
			}
			case 'text': {
				const text = given.trim();
				if (text.length > (q.maxLength ?? DEFAULT_TEXT_LENGTH)) errors[field] = `Ihre Antwort hat höchstens ${(q.maxLength ?? DEFAULT_TEXT_LENGTH).toLocaleString('de-DE')} Zeichen.`;
				else if (text) raw.set(q.id, text);
				break;
			}
			case 'ranking': {
				const ranks = q.options.map((_, i) => v[`${field}_${i}`] ?? '');
				if (ranks.every((r) => !r)) break;
				const numbers = ranks.map(Number);
				const valid = numbers.every((n) => Number.isInteger(n) && n >= 1 && n <= q.options.length) && new Set(numbers).size === numbers.length;
				if (!valid) errors[field] = `Bitte vergeben Sie jeden Rang von 1 bis ${q.options.length} genau einmal.`;
				else
					raw.set(
						q.id,
						q.options.map((o, i) => ({ o, r: numbers[i] })).sort((a, b) => a.r - b.r).map((x) => x.o)
					);
				break;
			}
		}
	}
	const byId = new Map(questions.map((q) => [q.id, q]));
	const answers = new Map<number, AnswerValue>();
	for (const q of questions) {
		if (!isAsked(q, raw, byId)) {
			delete errors[`q${q.id}`];
			continue;
		}
		const value = raw.get(q.id);
		if (value === undefined) {
			if (q.required && !errors[`q${q.id}`]) errors[`q${q.id}`] = 'Bitte beantworten Sie diese Frage.';
			continue;
		}
		if (q.kind === 'multiple' && Array.isArray(value)) {
			if (q.minChoices && value.length < q.minChoices) errors[`q${q.id}`] = `Bitte wählen Sie mindestens ${q.minChoices} Antworten.`;
			else if (q.maxChoices && value.length > q.maxChoices) errors[`q${q.id}`] = `Bitte wählen Sie höchstens ${q.maxChoices} Antworten.`;
		}
		answers.set(q.id, value);
	}
	if (Object.keys(errors).length) return { errors };
	return { answers };
}

/** A stored answer as the form's strings, to fill the form again. */
export function answerFormValues(q: Question, value: AnswerValue): Record<string, string> {
	const field = `q${q.id}`;
	switch (q.kind) {
		case 'single':
			return { [field]: String(q.options.indexOf(String(value))) };
		case 'multiple':
			return { [field]: (value as string[]).map((o) => q.options.indexOf(o)).join(',') };
		case 'ranking':
			return Object.fromEntries(q.options.map((o, i) => [`${field}_${i}`, String((value as string[]).indexOf(o) + 1)]));
		default:
			return { [field]: String(value) };
	}
}

export type QuestionInput = Omit<Question, 'id'>;

/** Reads the question form of the back office. */
export function readQuestionForm(v: Record<string, string>, earlier: Question[]): { input: QuestionInput } | { errors: Record<string, string> } {
	const errors: Record<string, string> = {};
	const kind = v.kind as QuestionKind;
	const prompt = (v.prompt ?? '').trim();
	const options = [...new Set((v.options ?? '').split('\n').map((o) => o.trim()).filter(Boolean))];
	if (!(kind in questionKindLabels)) errors.kind = 'Bitte wählen Sie die Art der Frage.';
	if (prompt.length < 3 || prompt.length > 500) errors.prompt = 'Bitte formulieren Sie die Frage (3 bis 500 Zeichen).';
	const needsOptions = kind === 'single' || kind === 'multiple' || kind === 'ranking';
	if (needsOptions && (options.length < 2 || options.length > 20 || options.some((o) => o.length > 200))) errors.options = 'Bitte nennen Sie 2 bis 20 Antworten, eine je Zeile (höchstens 200 Zeichen).';
	const int = (name: string) => (/^\d+$/.test(v[name] ?? '') ? Number(v[name]) : null);
	const minChoices = kind === 'multiple' ? int('minChoices') : null;
	const maxChoices = kind === 'multiple' ? int('maxChoices') : null;
	if (minChoices !== null && maxChoices !== null && minChoices > maxChoices) errors.maxChoices = 'Höchstens weniger als mindestens? Bitte prüfen Sie die Grenzen.';
	if (maxChoices !== null && maxChoices > options.length) errors.maxChoices = 'Es gibt weniger Antworten als die Höchstzahl.';
	const maxLength = kind === 'text' ? (int('maxLength') ?? DEFAULT_TEXT_LENGTH) : null;
	if (maxLength !== null && (maxLength < 10 || maxLength > 5000)) errors.maxLength = 'Die Länge liegt zwischen 10 und 5.000 Zeichen.';
	const dependsOnId = int('dependsOnId');
	const parent = dependsOnId !== null ? earlier.find((q) => q.id === dependsOnId) : undefined;
	const dependsOnValues = (v.dependsOnValues ?? '').split('\n').map((o) => o.trim()).filter(Boolean).map((o) => (/^ja$/i.test(o) && parent?.kind === 'yesno' ? 'yes' : /^nein$/i.test(o) && parent?.kind === 'yesno' ? 'no' : o));
	if (dependsOnId !== null) {
		if (!parent || !['single', 'multiple', 'yesno'].includes(parent.kind)) errors.dependsOnId = 'Abhängen kann eine Frage nur von einer früheren Auswahl- oder Ja/Nein-Frage.';
		else if (!dependsOnValues.length || dependsOnValues.some((d) => (parent.kind === 'yesno' ? !['yes', 'no'].includes(d) : !parent.options.includes(d)))) errors.dependsOnValues = parent.kind === 'yesno' ? 'Bitte nennen Sie „Ja“ oder „Nein“.' : 'Bitte nennen Sie Antworten der früheren Frage, genau wie dort geschrieben, eine je Zeile.';
	}
	if (Object.keys(errors).length) return { errors };
	return {
		input: {
			kind,
			prompt,
			help: (v.help ?? '').trim().slice(0, 500) || null,
			required: v.required === 'on',
			options: needsOptions ? options : [],
			minChoices,
			maxChoices,
			maxLength,
			dependsOnId: parent ? parent.id : null,
			dependsOnValues: parent ? dependsOnValues : null
		}
	};
}
