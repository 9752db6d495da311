/**
 * The phases of a Beteiligungsverfahren and what citizens can do in each. A process runs its
 * phases in this order; each may be left out. Components say what a phase offers.
 */
export const phaseKinds = ['information', 'ideas', 'discussion', 'prioritisation', 'result'] as const;
export type PhaseKind = (typeof phaseKinds)[number];

export const phaseLabels: Record<PhaseKind, string> = {
	information: 'Information',
	ideas: 'Ideensammlung',
	discussion: 'Diskussion',
	prioritisation: 'Priorisierung',
	result: 'Ergebnis'
};

export const components = ['submit', 'support', 'comment', 'points', 'survey'] as const;
export type Component = (typeof components)[number];

export const componentLabels: Record<Component, string> = {
	submit: 'Ideen einreichen',
	support: 'Ideen unterstützen',
	comment: 'Kommentieren',
	points: 'Punkte verteilen',
	survey: 'Umfragen beantworten'
};

/** What a phase offers unless the process says otherwise. */
export const defaultComponents: Record<PhaseKind, Component[]> = {
	information: [],
	ideas: ['submit', 'support', 'comment'],
	discussion: ['support', 'comment'],
	prioritisation: ['points'],
	result: []
};

export type Phase = { kind: PhaseKind; startsAt: Date; endsAt: Date | null; components: Component[] };

/** The phase running at `now` (phases do not overlap), if any. */
export function currentPhase<P extends Phase>(phases: P[], now = new Date()): P | undefined {
	return phases.find((p) => p.startsAt <= now && (p.endsAt === null || now < p.endsAt));
}

export type ProcessState = 'upcoming' | 'open' | 'finished';

/** Upcoming before the first phase, finished once the result phase has begun or every phase has ended. */
export function processState(phases: Phase[], now = new Date()): ProcessState {
	if (!phases.length || phases.every((p) => p.startsAt > now)) return 'upcoming';
	const result = phases.find((p) => p.kind === 'result');
	if ((result && result.startsAt <= now) || phases.every((p) => p.endsAt !== null && p.endsAt <= now)) return 'finished';
	return 'open';
}

/** Whether a component is active right now. */
export function isActive(phases: Phase[], component: Component, now = new Date()) {
	return currentPhase(phases, now)?.components.includes(component) ?? false;
}

/** The prioritisation's points are shown once its phase has ended. */
export function pointsVisible(phases: Phase[], now = new Date()) {
	const p = phases.find((x) => x.components.includes('points'));
	return Boolean(p && p.endsAt && p.endsAt <= now);
}

export const ideaStatuses = ['submitted', 'reviewing', 'accepted', 'rejected', 'implemented'] as const;
export type IdeaStatus = (typeof ideaStatuses)[number];
export const ideaStatusLabels: Record<IdeaStatus, string> = {
	submitted: 'eingereicht',
	reviewing: 'in Prüfung',
	accepted: 'angenommen',
	rejected: 'abgelehnt',
	implemented: 'umgesetzt'
};

/** Categories an idea can have unless a process names its own. */
export const defaultIdeaCategories = ['Verkehr und Mobilität', 'Umwelt und Klima', 'Freizeit und Kultur', 'Soziales und Bildung', 'Wirtschaft und Tourismus', 'Verwaltung und Digitales', 'Sonstiges'];

/** An author may change a contribution silently for this long; later edits are marked. */
export const EDIT_GRACE_MS = 15 * 60_000;
