// `npm start`: builds the app when the build is missing or older than the sources, then starts
// the server with demo data on (unless DEMO_DATA says otherwise).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const newest = (p) => {
	const stat = fs.statSync(p);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return Math.max(stat.mtimeMs, ...fs.readdirSync(p).map((f) => newest(path.join(p, f))));
};
const built = fs.existsSync('build/handler.js') ? fs.statSync('build/handler.js').mtimeMs : 0;
const sources = Math.max(...['src', 'static', 'vite.config.ts', 'package.json'].filter(fs.existsSync).map(newest));
if (built < sources) {
	console.log('Partheland wird gebaut …');
	const result = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
}
process.env.DEMO_DATA ??= 'on';
await import('../server.js');
