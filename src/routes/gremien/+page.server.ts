import { db } from '#lib/server/runtime.ts';
import { listBodies } from '#lib/features/bodies/server/service.ts';

export const load = async () => ({
	bodies: (await listBodies(db()))
		.filter((b) => b.active)
		.map((b) => ({ id: b.id, name: b.name, kind: b.kind, description: b.description, rule: { kind: b.ruleKind, abstentionBlocks: b.abstentionBlocks } }))
});
