import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

describe('migrations', () => {
	it('match the Drizzle schema (nothing left to generate)', () => {
		// generate into a copy of the migrations folder: any output means schema and SQL drifted apart
		const out = fs.mkdtempSync(path.join(os.tmpdir(), 'partheland-drift-'));
		fs.cpSync('drizzle', out, { recursive: true });
		const config = path.join(out, 'drizzle.config.ts');
		fs.writeFileSync(config, `export default { dialect: 'postgresql', schema: '${path.resolve('src/lib/server/db/schema.ts')}', out: '${path.relative(process.cwd(), out)}' };\n`);
		const log = execFileSync(process.execPath, ['node_modules/drizzle-kit/bin.cjs', 'generate', '--config', config], { encoding: 'utf8' });
		expect(log).toContain('No schema changes');
		fs.rmSync(out, { recursive: true });
	}, 60_000);
});
