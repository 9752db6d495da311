import { defineConfig } from 'vitest/config';

// Unit tests (*.test.ts) run once; integration tests (*.db.test.ts) run against each database
// back end: embedded PGlite always, PostgreSQL when TEST_DATABASE_URL is set. *.pg.test.ts need a
// PostgreSQL server (COPY, several connections) and run on that back end only.
const dbTests = ['src/**/*.db.test.ts', 'test/**/*.db.test.ts'];
const pgTests = ['test/**/*.pg.test.ts'];
const backends = [
	{ name: 'pglite', globalSetup: 'test/setup-pglite.ts', include: dbTests },
	...(process.env.TEST_DATABASE_URL ? [{ name: 'postgres', globalSetup: 'test/setup-postgres.ts', include: [...dbTests, ...pgTests] }] : [])
];

// Cheap password hashing in tests (the global set-up seeds the demo accounts in this process).
process.env.PASSWORD_MEMORY_KIB ??= '1024';
process.env.PASSWORD_TIME_COST ??= '1';

export default defineConfig({
	test: {
		projects: [
			{ test: { name: 'unit', include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'scripts/**/*.test.ts'], exclude: [...dbTests, ...pgTests] } },
			...backends.map((b) => ({
				test: {
					name: b.name,
					include: b.include,
					globalSetup: [b.globalSetup],
					env: { TEST_BACKEND: b.name, LOG_LEVEL: 'silent' },
					testTimeout: 60_000,
					hookTimeout: 120_000
				}
			}))
		],
		pool: 'forks',
		maxWorkers: 2
	}
});
