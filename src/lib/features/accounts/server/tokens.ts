import crypto from 'node:crypto';

/** A random token for a cookie or a mail link, and the hash that is stored instead of it. */
export function newToken() {
	const token = crypto.randomBytes(32).toString('base64url');
	return { token, id: hashToken(token) };
}

export function hashToken(token: string) {
	return crypto.createHash('sha256').update(token).digest('hex');
}
