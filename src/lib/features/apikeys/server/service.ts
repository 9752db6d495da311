import crypto from 'node:crypto';
import { ForbiddenError, NotFoundError, type Actor } from '#lib/server/actor.ts';
import { transaction, type Db } from '#lib/server/db/client.ts';
import { recordAudit } from '../../audit/server/service.ts';
import { findMunicipality } from '../../region/server/queries.ts';
import { reportsPolicy } from '../../reports/server/policy.ts';
import * as queries from './queries.ts';

export class ApiKeyError extends Error {
	readonly field: string;
	constructor(field: string, message: string) {
		super(message);
		this.field = field;
	}
}

const hash = (key: string) => crypto.createHash('sha256').update(key).digest('hex');

/** The client a valid key belongs to, or undefined (unknown or revoked). */
export async function authenticateApiKey(db: Db, key: string) {
	if (!/^plk_[A-Za-z0-9_-]{20,80}$/.test(key)) return undefined;
	const row = await queries.findLiveKey(db, hash(key));
	if (!row) return undefined;
	await queries.touchKey(db, row.id);
	return { id: row.id, name: row.name, municipalityAgs: row.municipalityAgs };
}

/** Issues a key; the plain key is returned this once and never stored. */
export async function issueApiKey(db: Db, actor: Actor, input: { name: string; municipalityAgs: string | null }) {
	const name = input.name.trim();
	if (name.length < 3 || name.length > 80) throw new ApiKeyError('name', 'Bitte geben Sie einen Namen mit 3 bis 80 Zeichen an (wer nutzt den Schlüssel?).');
	if (input.municipalityAgs && !(await findMunicipality(db, { ags: input.municipalityAgs }))) throw new ApiKeyError('municipality', 'Diese Kommune gibt es nicht.');
	if (!reportsPolicy.manageApiKeys(actor, input.municipalityAgs)) throw new ForbiddenError();
	const key = `plk_${crypto.randomBytes(24).toString('base64url')}`;
	const row = await transaction(db, async (tx) => {
		const created = await queries.insertApiKey(tx, { name, keyHash: hash(key), prefix: key.slice(0, 10), municipalityAgs: input.municipalityAgs, createdBy: actor.name });
		await recordAudit(tx, actor, { action: 'apikey.issue', entityType: 'api_key', entityId: String(created.id), municipality: input.municipalityAgs, before: null, after: { name, scope: input.municipalityAgs ?? 'region' } });
		return created;
	});
	return { id: row.id, key };
}

export async function revokeApiKey(db: Db, actor: Actor, id: number) {
	await transaction(db, async (tx) => {
		const row = await queries.findKey(tx, id);
		if (!row) throw new NotFoundError();
		if (!reportsPolicy.manageApiKeys(actor, row.municipalityAgs)) throw new ForbiddenError();
		await queries.revokeKey(tx, id);
		await recordAudit(tx, actor, { action: 'apikey.revoke', entityType: 'api_key', entityId: String(id), municipality: row.municipalityAgs, before: { revoked: false }, after: { revoked: true } });
	});
}

/** The keys the actor may see and manage: all for the platform admin, their municipality's for its admins. */
export async function listApiKeys(db: Db, actor: Actor) {
	const scope = reportsPolicy.apiKeyScopes(actor);
	if (scope !== 'all' && !scope.length) throw new ForbiddenError();
	return (await queries.listKeys(db, scope)).map(({ keyHash: _hash, ...row }) => row);
}
