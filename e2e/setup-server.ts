import fs from 'node:fs';
import type { TestProject } from 'vitest/node';
import { startServer } from './server.ts';

export default async function setup(project: TestProject) {
	if (!fs.existsSync('build/handler.js')) throw new Error('Kein Build gefunden: erst `npm run build` ausführen.');
	const server = await startServer();
	project.provide('baseUrl', server.url);
	return async () => {
		await server.stop();
		fs.rmSync(server.dataDir, { recursive: true, force: true });
	};
}

declare module 'vitest' {
	export interface ProvidedContext {
		baseUrl: string;
	}
}
