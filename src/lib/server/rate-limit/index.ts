import crypto from 'node:crypto';
import type { Db } from '../db/client.ts';
import * as queries from './queries.ts';

/**
 * Counts one hit for `key` in the current window and says whether it is within `limit`.
 * Keys built from IP addresses are hashed: the table never holds an address.
 */
export async function consumeRateLimit(db: Db, key: string, limit: number, windowSeconds: number, now = Date.now()) {
	const { hashed, windowStart } = slot(key, windowSeconds, now);
	const hits = await queries.countHit(db, hashed, windowStart);
	// Old windows are useless; sweep them now and then instead of running a job for it.
	if (hits === 1 && Math.random() < 0.05) await queries.deleteWindowsBefore(db, new Date(now - 86_400_000));
	return { allowed: hits <= limit, hits };
}

/**
 * Gives back a hit that turned out to be legitimate (a successful sign-in), so that only failures
 * add up. Counting first and refunding after is race-free: parallel guesses all count.
 */
export async function refundRateLimit(db: Db, key: string, windowSeconds: number, now = Date.now()) {
	const { hashed, windowStart } = slot(key, windowSeconds, now);
	await queries.uncountHit(db, hashed, windowStart);
}

function slot(key: string, windowSeconds: number, now: number) {
	const hashed = crypto.createHash('sha256').update(key).digest('base64url');
	const windowStart = new Date(Math.floor(now / (windowSeconds * 1000)) * windowSeconds * 1000);
	return { hashed, windowStart };
}
