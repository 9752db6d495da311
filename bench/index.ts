/**
 * npm run bench [-- options]: the Partheland-sized benchmark (bench/run.ts) and the open-data
 * export at scale (bench/export.ts), each given the options; with `--soak` the soak run against
 * the national database instead (bench/soak.ts). A dispatcher, because npm appends the options to
 * the end of a script, so `run.ts && export.ts` handed them to the export alone.
 */
import { spawnSync } from 'node:child_process';

const options = process.argv.slice(2);
const run = (script: string) => spawnSync(process.execPath, [script, ...options], { stdio: 'inherit' }).status ?? 1;
process.exitCode = options.includes('--soak') ? run('bench/soak.ts') : run('bench/run.ts') || run('bench/export.ts');
