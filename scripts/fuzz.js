// `npm run fuzz [-- --runs 2000]`: the bad-input suites (e2e/fuzz.test.ts, e2e/fuzz-forms.test.ts) with many generated
// requests per endpoint, against the built server. `npm test` runs it with a few.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const i = process.argv.indexOf('--runs');
const runs = i >= 0 ? process.argv[i + 1] : '2000';
if (!fs.existsSync('build/handler.js')) {
	console.error('Kein Build gefunden: erst `npm run build` ausführen.');
	process.exit(1);
}
const run = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--config', 'e2e/vitest.config.ts', 'e2e/fuzz.test.ts', 'e2e/fuzz-forms.test.ts'], {
	stdio: 'inherit',
	env: { ...process.env, FUZZ_RUNS: runs, E2E_BROWSER: 'off' }
});
process.exit(run.status ?? 1);
