import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { guestActor, isStaffAnywhere, type Actor, type Grant, type Role, type Scope } from '../src/lib/server/actor.ts';
import { accountsPolicy } from '../src/lib/features/accounts/server/policy.ts';
import { auditPolicy } from '../src/lib/features/audit/server/policy.ts';
import { leitbildPolicy } from '../src/lib/features/leitbild/server/policy.ts';
import { regionPolicy } from '../src/lib/features/region/server/policy.ts';
import { reportsPolicy } from '../src/lib/features/reports/server/policy.ts';
import { cooperationPolicy } from '../src/lib/features/cooperation/server/policy.ts';
import { bodiesPolicy } from '../src/lib/features/bodies/server/policy.ts';
import { eventsPolicy } from '../src/lib/features/events/server/policy.ts';
import { newsPolicy } from '../src/lib/features/news/server/policy.ts';
import { placesPolicy } from '../src/lib/features/places/server/policy.ts';
import { participationPolicy } from '../src/lib/features/participation/server/policy.ts';
import { bundlingPolicy } from '../src/lib/features/bundling/server/policy.ts';

const A = '14729060'; // Borsdorf
const B = '14729300'; // Naunhof
const user = (name: string, grants: Grant[]): Actor => ({ kind: 'user', id: name, name, emailVerified: true, grants });
const inA = (role: Role): Grant => ({ role, scope: { municipality: A } });

const actors: Record<string, Actor> = {
	guest: guestActor,
	citizen: user('citizen', []),
	orgA: user('orgA', [inA('organiser')]),
	modA: user('modA', [inA('moderator')]),
	staffA: user('staffA', [inA('staff')]),
	editorA: user('editorA', [inA('editor')]),
	adminA: user('adminA', [inA('municipality_admin')]),
	staffAB: user('staffAB', [inA('staff'), { role: 'staff', scope: { municipality: B } }]),
	coord: user('coord', [{ role: 'coordinator', scope: { region: true } }]),
	platform: user('platform', [{ role: 'platform_admin', scope: { region: true } }])
};

const scopeOf = (s: string): Scope => (s === 'region' ? { region: true } : { municipality: s === 'A' ? A : B });
const agsOf = (s: string) => (s === 'A' ? A : B);
const otherOf = (s: string) => (s === 'A' ? B : A);

/** Each row's action, answered by the domain policies. */
const checks: Record<string, (actor: Actor, scope: string) => boolean> = {
	'backoffice.enter': (a) => isStaffAnywhere(a),
	'leitbild.read': () => leitbildPolicy.read(),
	'leitbild.edit': (a) => leitbildPolicy.edit(a),
	'municipality.edit': (a, s) => regionPolicy.editMunicipality(a, agsOf(s)),
	'people.view': (a) => accountsPolicy.viewPeople(a),
	'audit.read': (a, s) => {
		const readable = auditPolicy.readableMunicipalities(a);
		return readable === null || readable.includes(agsOf(s));
	},
	'outbox.read': (a) => accountsPolicy.readOutbox(a),
	'jobs.read': (a) => accountsPolicy.readJobs(a),
	'report.create': () => reportsPolicy.create(),
	'report.enterOnBehalf': (a, s) => reportsPolicy.enterOnBehalf(a, agsOf(s)),
	'report.process': (a, s) => reportsPolicy.process(a, agsOf(s)),
	'report.readInternal': (a, s) => reportsPolicy.readInternal(a, agsOf(s), []),
	// handed over from A to B: A's staff keep reading it
	'report.readInternalFormerA': (a, s) => reportsPolicy.readInternal(a, agsOf(s), [A]),
	'categories.manage': (a) => reportsPolicy.manageCategories(a),
	'apikeys.manage': (a, s) => reportsPolicy.manageApiKeys(a, s === 'region' ? null : agsOf(s)),
	'measure.read': (a, s) => cooperationPolicy.read(a, { leadAgs: agsOf(s), participants: [], isPublic: true }),
	'measure.readInternal': (a, s) => cooperationPolicy.read(a, { leadAgs: agsOf(s), participants: [], isPublic: false }),
	'measure.create': (a, s) => cooperationPolicy.create(a, agsOf(s)),
	'measure.edit': (a, s) => cooperationPolicy.edit(a, { leadAgs: agsOf(s), participants: [], isPublic: true }),
	// led by the other municipality, with s taking part
	'measure.editAsParticipant': (a, s) => cooperationPolicy.edit(a, { leadAgs: otherOf(s), participants: [agsOf(s)], isPublic: true }),
	'measure.addUpdateAsParticipant': (a, s) => cooperationPolicy.addUpdate(a, { leadAgs: otherOf(s), participants: [agsOf(s)], isPublic: true }),
	'funding.programmes.manage': (a) => cooperationPolicy.manageProgrammes(a),
	'indicators.goals.manage': (a) => cooperationPolicy.manageGoalIndicators(a),
	'bodies.manage': (a) => bodiesPolicy.manage(a),
	'bodies.appoint': (a, s) => bodiesPolicy.appoint(a, agsOf(s)),
	// "region": a paper of the coordination office
	'paper.submit': (a, s) => bodiesPolicy.submitPaper(a, s === 'region' ? null : agsOf(s)),
	'decision.record': (a) => bodiesPolicy.recordDecision(a),
	'decision.correct': (a) => bodiesPolicy.correctDecision(a),
	'meeting.readClosed': (a) => bodiesPolicy.readClosed(a, 1, []),
	'bundling.read': (a) => bundlingPolicy.read(a),
	'bundling.post': (a, s) => bundlingPolicy.post(a, agsOf(s)),
	'bundling.join': (a, s) => bundlingPolicy.join(a, [agsOf(s)]),
	'event.publish': (a, s) => eventsPolicy.publish(a, agsOf(s)),
	'event.submit': (a, s) => eventsPolicy.submit(a, agsOf(s)),
	'events.backoffice': (a) => eventsPolicy.enterBackOffice(a),
	'news.write': (a, s) => newsPolicy.write(a, s === 'region' ? null : agsOf(s)),
	'place.edit': (a, s) => placesPolicy.edit(a, agsOf(s)),
	// "region": a process of the coordination office
	'participation.manage': (a, s) => participationPolicy.manage(a, s === 'region' ? null : agsOf(s)),
	'participation.answer': (a, s) => participationPolicy.answer(a, s === 'region' ? null : agsOf(s)),
	'participation.moderate': (a, s) => participationPolicy.moderate(a, s === 'region' ? null : agsOf(s)),
	'participation.participate': (a) => participationPolicy.participate(a),
	'participation.flag': () => participationPolicy.flag(),
	'participation.backoffice': (a) => participationPolicy.enterBackOffice(a)
};

const rows = fs
	.readFileSync(new URL('./policies.expected.tsv', import.meta.url), 'utf8')
	.split('\n')
	.filter((line) => line.trim() && !line.startsWith('#'))
	.map((line) => line.trim().split(/\s+/));

describe('the role table', () => {
	it('names every actor in each row', () => {
		for (const row of rows) expect(row, row.join(' ')).toHaveLength(2 + Object.keys(actors).length);
	});

	it('matches the policies exactly, cell by cell', () => {
		const mismatches: string[] = [];
		for (const [action, scope, ...answers] of rows) {
			const check = action.startsWith('grant.') ? (a: Actor, s: string) => accountsPolicy.manageGrant(a, action.slice(6) as Role, scopeOf(s)) : checks[action];
			expect(check, `unknown action ${action}`).toBeTypeOf('function');
			Object.keys(actors).forEach((name, i) => {
				const actual = check(actors[name], scope) ? 'y' : 'n';
				if (actual !== answers[i]) mismatches.push(`${action} ${scope} ${name}: expected ${answers[i]}, policy says ${actual}`);
			});
		}
		expect(mismatches).toEqual([]);
	});

	it('covers every role that can be granted', () => {
		const granted = new Set(rows.filter(([a]) => a.startsWith('grant.')).map(([a]) => a.slice(6)));
		expect([...granted].sort()).toEqual(['coordinator', 'editor', 'moderator', 'municipality_admin', 'organiser', 'platform_admin', 'staff']);
	});
});
