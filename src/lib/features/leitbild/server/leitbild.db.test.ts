import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openTestDatabase } from '../../../../../test/db.ts';
import { queryRows } from '#lib/server/db/client.ts';
import { ForbiddenError, NotFoundError, type Actor } from '#lib/server/actor.ts';
import { diffLeitbildRevisions, getLeitbild, LeitbildInvalidError, listActionFields, listLeitbildRevisions, restoreLeitbildRevision, reviseLeitbild } from './service.ts';

let database: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
	database = await openTestDatabase();
});
afterAll(() => database?.drop());

const coordinator: Actor = { kind: 'user', name: 'Kerstin Koordination', grants: [{ role: 'coordinator', scope: { region: true } }] };
const staffNaunhof: Actor = { kind: 'user', name: 'Sam Sachbearbeitung', grants: [{ role: 'editor', scope: { municipality: '14729300' } }] };

describe('Leitbild', () => {
	it('starts with the founding document: 16 goals, 6 action fields, a first revision', async () => {
		const lb = await getLeitbild(database.db);
		expect(lb?.content.goals).toHaveLength(16);
		expect(lb?.content.preamble.statements).toHaveLength(6);
		const revisions = await listLeitbildRevisions(database.db, { limit: 10 });
		expect(revisions).toHaveLength(1);
		expect(revisions[0]).toMatchObject({ author: 'Regionsdatei', note: 'Erstfassung aus der Regionsdatei' });
	});

	it('lets a coordinator change it with a note, records author and shows the diff', async () => {
		const before = (await getLeitbild(database.db))!;
		const fieldIds = (await listActionFields(database.db)).map((f) => f.id);
		const content = structuredClone(before.content);
		content.goals[14].text.de = 'Stärkung des Vertrauens zwischen den Kommunen und ihren Verwaltungen';
		const revision = await reviseLeitbild(database.db, coordinator, { content, note: 'Leitziel 15 präzisiert' });
		expect(revision.author).toBe('Kerstin Koordination');
		// the change is in the audit log, with the role it was made in
		const [audit] = await queryRows<{ action: string; actor_role: string; entity_id: string }>(database.db, sql`select action, actor_role, entity_id from audit_event order by id desc limit 1`);
		expect(audit).toEqual({ action: 'leitbild.revise', actor_role: 'coordinator@region', entity_id: String(revision.id) });
		const after = (await getLeitbild(database.db))!;
		expect(after.content.goals[14].text.de).toContain('ihren Verwaltungen');
		expect(after.revisionId).toBe(revision.id);
		// action fields keep their ids, so links from measures survive an edit
		expect((await listActionFields(database.db)).map((f) => f.id)).toEqual(fieldIds);
		const diff = await diffLeitbildRevisions(database.db, before.revisionId, revision.id);
		expect(diff.filter((d) => d.kind === 'removed').flatMap((d) => d.lines)).toEqual([
			'Leitziel 15 (Vertrauen zwischen den Kommunen; Handlungsfelder 6): Stärkung des Vertrauens zwischen den Kommunen'
		]);
		expect(diff.filter((d) => d.kind === 'added').flatMap((d) => d.lines)[0]).toContain('und ihren Verwaltungen');
	});

	it('restores an earlier revision as a new one, keeping the history', async () => {
		const [latest, first] = await listLeitbildRevisions(database.db, { limit: 2 });
		const restored = await restoreLeitbildRevision(database.db, coordinator, first.id);
		expect(restored.restoredFrom).toBe(first.id);
		expect((await getLeitbild(database.db))!.content.goals[14].text.de).toBe('Stärkung des Vertrauens zwischen den Kommunen');
		const all = await listLeitbildRevisions(database.db, { limit: 10 });
		expect(all.map((r) => r.id)).toEqual([restored.id, latest.id, first.id]);
		expect(await listLeitbildRevisions(database.db, { limit: 10, beforeId: latest.id })).toHaveLength(1);
	});

	it('refuses staff of a single municipality, invalid content and a missing note, changing nothing', async () => {
		const content = (await getLeitbild(database.db))!.content;
		await expect(reviseLeitbild(database.db, staffNaunhof, { content, note: 'x' })).rejects.toBeInstanceOf(ForbiddenError);
		const broken = structuredClone(content);
		broken.goals[0].actionFields = [9];
		await expect(reviseLeitbild(database.db, coordinator, { content: broken, note: 'kaputt' })).rejects.toBeInstanceOf(LeitbildInvalidError);
		await expect(reviseLeitbild(database.db, coordinator, { content, note: '   ' })).rejects.toBeInstanceOf(LeitbildInvalidError);
		await expect(restoreLeitbildRevision(database.db, coordinator, 999_999)).rejects.toBeInstanceOf(NotFoundError);
		expect(await listLeitbildRevisions(database.db, { limit: 10 })).toHaveLength(3);
	});
});
