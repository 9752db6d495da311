import pino from 'pino';
import { config } from './config.ts';

/** JSON logs. Never log personal data: request logs carry method, route, status and timing only. */
export const log = pino({
	level: process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info'),
	base: { app: 'partheland' },
	redact: ['req.headers.cookie', 'req.headers.authorization', '*.email', '*.password']
});

export function configureLog() {
	log.level = config().LOG_LEVEL;
}
