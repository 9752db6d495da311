import { error } from '@sveltejs/kit';
import { parseForm } from '#lib/server/forms.ts';
import { requireStaff } from '../../accounts/server/web.ts';
import { programmeFormFields, programmeFormSchema } from '../schemas.ts';
import { cooperationPolicy } from './policy.ts';
import { ForbiddenError, NotFoundError } from '#lib/server/actor.ts';
import type { MeasureRow } from './queries.ts';

/** 404 for unknown or invisible measures, 403 with the reason for refused actions. */
export function refuse(e: unknown, what = 'Diese Maßnahme gibt es nicht.'): never {
	if (e instanceof NotFoundError) error(404, what);
	if (e instanceof ForbiddenError) error(403, 'Das dürfen bei dieser Maßnahme nur die Koordinierungsstelle und die federführende Kommune.');
	throw e;
}

/** A stored measure as the form's values. */
export function measureFormValues(m: MeasureRow, links: { participants: string[]; actionFieldIds: number[]; goalIds: number[] }) {
	const values = {
		title: m.title,
		description: m.description,
		leadAgs: m.leadAgs,
		status: m.status,
		startOn: m.startOn ?? '',
		endOn: m.endOn ?? '',
		contactName: m.contact?.name ?? '',
		contactOrganisation: m.contact?.organisation ?? '',
		contactEmail: m.contact?.email ?? '',
		contactPhone: m.contact?.phone ?? '',
		visibility: m.isPublic ? 'public' : 'internal',
		lighthouse: m.lighthouse ? 'on' : ''
	};
	return { values, lists: { participants: links.participants, actionFields: links.actionFieldIds.map(String), goals: links.goalIds.map(String) } };
}


/** The coordination office keeps the funding programmes. */
export function requireProgrammeKeeper(locals: App.Locals, url: URL) {
	const actor = requireStaff(locals, url);
	if (!cooperationPolicy.manageProgrammes(actor)) error(403, 'Die Förderprogramme pflegt die Koordinierungsstelle.');
	return actor;
}

/** Reads the programme form (the eligible action fields come as a list). */
export function readProgrammeForm(data: FormData) {
	const fields = data.getAll('actionFields').map(String).slice(0, 50);
	const form = parseForm(programmeFormSchema.omit({ actionFields: true }), data, programmeFormFields);
	const ids = fields.filter((f) => /^\d{1,9}$/.test(f)).map(Number);
	return form.ok ? { ok: true as const, data: { ...form.data, actionFields: ids }, values: form.values, lists: { actionFields: fields } } : { ...form, lists: { actionFields: fields } };
}

