// `npm test`: type check, lint, unit and integration tests (PGlite, and PostgreSQL when
// TEST_DATABASE_URL is set), build, then HTTP and browser tests against the built server.
// Prints the time of each suite and a closing "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ci = /^(1|true)$/i.test(process.env.CI ?? '');
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = fs.existsSync(chromium);
const results = path.join(os.tmpdir(), `partheland-test-${process.pid}`);
fs.mkdirSync(results, { recursive: true });
const bin = (name) => path.join('node_modules', '.bin', name);

if (!hasChromium) {
	const message = `Chromium wurde nicht gefunden (${chromium}).`;
	if (ci) {
		console.error(`\n${message} Mit CI=true ist das ein Fehler: apt-get install -y chromium\n`);
		process.exit(1);
	}
	console.warn(`\n${message} Die Browsertests werden übersprungen; alle anderen laufen. (apt-get install -y chromium)\n`);
}

const suites = [
	{ name: 'Typprüfung (svelte-check)', cmd: [bin('svelte-kit'), 'sync'], then: [bin('svelte-check'), '--tsconfig', './tsconfig.json', '--fail-on-warnings'] },
	{ name: 'Lint (eslint)', cmd: [bin('eslint'), '.', '--max-warnings', '0'] },
	{ name: 'Unit- und Integrationstests', cmd: [bin('vitest'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${results}/unit.json`], counts: 'unit.json' },
	{ name: 'Build', cmd: [process.execPath, 'node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'] },
	{
		name: hasChromium ? 'HTTP- und Browsertests' : 'HTTP-Tests (Browsertests übersprungen)',
		cmd: [bin('vitest'), 'run', '--config', 'e2e/vitest.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${results}/e2e.json`],
		counts: 'e2e.json',
		env: { E2E_BROWSER: hasChromium ? 'on' : 'off', CHROMIUM_PATH: chromium }
	}
];

const summary = [];
let failed = false;
for (const suite of suites) {
	console.log(`\n━━ ${suite.name} ━━`);
	const started = Date.now();
	let status = 0;
	for (const cmd of [suite.cmd, suite.then].filter(Boolean)) {
		const run = spawnSync(cmd[0], cmd.slice(1), { stdio: 'inherit', env: { ...process.env, ...suite.env } });
		status = run.status ?? 1;
		if (status !== 0) break;
	}
	const seconds = (Date.now() - started) / 1000;
	summary.push({ suite: suite.name, seconds, ok: status === 0 });
	if (status !== 0) {
		failed = true;
		if (!suite.counts) break; // no point testing a build that does not type-check or build
	}
}

let passed = 0;
let failedTests = 0;
let skipped = 0;
for (const file of ['unit.json', 'e2e.json']) {
	const p = path.join(results, file);
	if (!fs.existsSync(p)) continue;
	const r = JSON.parse(fs.readFileSync(p, 'utf8'));
	passed += r.numPassedTests;
	failedTests += r.numFailedTests;
	skipped += r.numPendingTests + (r.numTodoTests ?? 0);
}
fs.rmSync(results, { recursive: true, force: true });

console.log('\n━━ Zusammenfassung ━━');
for (const s of summary) console.log(`${s.ok ? '✓' : '✗'} ${s.suite.padEnd(44)} ${s.seconds.toFixed(1).padStart(7)} s`);
console.log(`${passed} passed, ${failedTests} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed || failedTests > 0 ? 1 : 0);
