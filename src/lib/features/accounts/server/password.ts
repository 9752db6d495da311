import { hash, verify } from '@node-rs/argon2';
import { config } from '#lib/server/config.ts';

function options() {
	const cfg = config();
	return { algorithm: 2 /* Algorithm.Argon2id, a const enum */, memoryCost: cfg.PASSWORD_MEMORY_KIB, timeCost: cfg.PASSWORD_TIME_COST, parallelism: 1 };
}

export function hashPassword(password: string) {
	return hash(password, options());
}

// Verifying against this when no account exists keeps the answer time the same: no enumeration by timing.
let dummy: Promise<string> | undefined;

export async function verifyPassword(storedHash: string | null | undefined, password: string) {
	if (!storedHash) {
		dummy ??= hashPassword('timing-equaliser');
		await verify(await dummy, password).catch(() => false);
		return false;
	}
	return verify(storedHash, password).catch(() => false);
}
