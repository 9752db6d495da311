import path from 'node:path';
import { z } from 'zod';

/**
 * Configuration comes only from environment variables. Read through this module (not
 * `$app/env/private`) because the same code runs in the built server, in CLI scripts
 * (backup, region import) and in tests, none of which share SvelteKit's env module.
 * Every variable is documented in README.md.
 */
const flag = z
	.enum(['1', '0', 'true', 'false', 'on', 'off', 'yes', 'no', ''])
	.transform((v) => ['1', 'true', 'on', 'yes'].includes(v));

const schema = z.object({
	PORT: z.coerce.number().int().min(1).max(65535).default(3000),
	HOST: z.string().default('0.0.0.0'),
	ORIGIN: z.url().optional(),
	DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'muss mit postgres:// beginnen').optional(),
	DATA_DIR: z.string().default('data'),
	REGION_DIR: z.string().default('regions/partheland'),
	MIGRATIONS_DIR: z.string().default('drizzle'),
	/** Uploaded files in an S3-compatible bucket (`https://KEY:SECRET@host/bucket?region=…`) instead of DATA_DIR/uploads. */
	STORAGE_URL: z.url({ protocol: /^https?$/, error: 'muss https://SCHLÜSSEL:GEHEIMNIS@host/bucket sein' }).optional(),
	SMTP_URL: z.string().optional(),
	MAIL_FROM: z.string().default('Partheland <noreply@partheland.localhost>'),
	DEMO_DATA: flag.default(false),
	/**
	 * EU procurement thresholds (net, in cents) a bundle is warned about: supplies and services of
	 * sub-central authorities, and works (CPV division 45). Set them to the values in force.
	 */
	EU_THRESHOLD_SUPPLIES_CENTS: z.coerce.number().int().min(0).default(21_600_000),
	EU_THRESHOLD_WORKS_CENTS: z.coerce.number().int().min(0).default(540_400_000),
	/** How similar (pg_trgm, 0–1) the texts of two plans must be to be proposed together. */
	BUNDLE_SIMILARITY: z.coerce.number().min(0).max(1).default(0.3),
	LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
	BASEMAP_STYLE_URL: z.url().optional(),
	/** A PMTiles archive (Protomaps basemap schema) on this server: the self-hosted basemap. */
	BASEMAP_PMTILES: z.string().optional(),
	/** argon2id cost; tests lower it so that they do not spend their time hashing. */
	PASSWORD_MEMORY_KIB: z.coerce.number().int().min(64).default(19456),
	PASSWORD_TIME_COST: z.coerce.number().int().min(1).default(2),
	OIDC_ISSUER: z.url().optional(),
	OIDC_CLIENT_ID: z.string().optional(),
	OIDC_CLIENT_SECRET: z.string().optional(),
	OIDC_NAME: z.string().default('Dienstkonto (Single Sign-on)'),
	/** Days after a report is closed until the reporter's name and address are erased everywhere. */
	REPORT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
	/** Days without a first response after which the municipality's mailbox gets a reminder. */
	REPORT_ESCALATION_DAYS: z.coerce.number().int().min(1).max(365).default(5),
	/** Open311 report creations per API key and hour. */
	OPEN311_KEY_LIMIT_PER_HOUR: z.coerce.number().int().min(1).default(600),
	/** Calendar import: fetch from loopback and private networks too (only for tests and closed networks). */
	EVENT_IMPORT_ALLOW_PRIVATE: flag.default(false),
	/** Calendar import: the largest file taken, in bytes, and the time a fetch may take. */
	EVENT_IMPORT_MAX_BYTES: z.coerce.number().int().min(10_000).default(5_000_000),
	EVENT_IMPORT_TIMEOUT_MS: z.coerce.number().int().min(500).default(15_000)
});

export type Config = z.infer<typeof schema> & { dataDir: string; pgliteDir: string; uploadsDir: string };

export function readConfig(env: Record<string, string | undefined> = process.env): Config {
	const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
	const parsed = schema.safeParse(cleaned);
	if (!parsed.success) {
		const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
		throw new Error(`Ungültige Konfiguration (Umgebungsvariablen):\n${lines.join('\n')}`);
	}
	const dataDir = path.resolve(parsed.data.DATA_DIR);
	return {
		...parsed.data,
		dataDir,
		pgliteDir: path.join(dataDir, 'db'),
		uploadsDir: path.join(dataDir, 'uploads')
	};
}

let current: Config | undefined;
export function config(): Config {
	current ??= readConfig();
	return current;
}
