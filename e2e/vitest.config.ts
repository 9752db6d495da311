import { defineConfig } from 'vitest/config';

// HTTP and browser tests against the built server (started once in the global setup).
export default defineConfig({
	test: {
		include: ['e2e/**/*.test.ts'],
		globalSetup: ['e2e/setup-server.ts'],
		testTimeout: 60_000,
		hookTimeout: 120_000,
		pool: 'forks',
		maxWorkers: 1,
		fileParallelism: false
	}
});
