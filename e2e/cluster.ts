import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './server.ts';

const bin = (name: string) => {
	const version = fs.readdirSync('/usr/lib/postgresql').sort().at(-1);
	return `/usr/lib/postgresql/${version}/bin/${name}`;
};

export type Cluster = {
	url: string;
	port: number;
	dir: string;
	/** Stops the server: `fast` ends connections cleanly, `immediate` is a crash (recovery at start). */
	stop(mode?: 'fast' | 'immediate'): void;
	start(): void;
	/** Runs SQL with psql and returns its unaligned output. */
	psql(query: string, database?: string): string;
	/** A new, empty database in the cluster; its URL. */
	createDatabase(name: string): string;
	/** pg_amcheck over every table and B-tree index; throws with its report if anything is corrupt. */
	amcheck(database: string): void;
	destroy(): void;
};

/**
 * A PostgreSQL cluster of the test's own (initdb in a temporary directory, its own port), so a
 * test may stop and start it without touching the shared server. PostgreSQL refuses to run as
 * root: as root the cluster runs as the `postgres` user (the one the Debian package creates).
 */
export async function startCluster(): Promise<Cluster> {
	const port = await freePort();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'partheland-cluster-'));
	const asPostgres = process.getuid?.() === 0;
	const run = (file: string, args: string[]) =>
		asPostgres ? execFileSync('runuser', ['-u', 'postgres', '--', file, ...args], { stdio: 'pipe', encoding: 'utf8' }) : execFileSync(file, args, { stdio: 'pipe', encoding: 'utf8' });
	if (asPostgres) execFileSync('chown', ['postgres:postgres', dir]);
	const data = path.join(dir, 'data');
	run(bin('initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
	const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=50 -c shared_buffers=64MB`;
	const cluster: Cluster = {
		url: `postgres://postgres@127.0.0.1:${port}/postgres`,
		port,
		dir,
		start: () => void run(bin('pg_ctl'), ['-D', data, '-o', options, '-l', path.join(dir, 'log'), '-w', '-t', '60', 'start']),
		stop: (mode = 'fast') => void run(bin('pg_ctl'), ['-D', data, '-m', mode, '-w', 'stop']),
		psql: (query, database = 'postgres') => execFileSync('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', database, '-XAtqc', query], { encoding: 'utf8' }).trim(),
		createDatabase(name) {
			cluster.psql(`create database ${name}`);
			return `postgres://postgres@127.0.0.1:${port}/${name}`;
		},
		amcheck: (database) => void execFileSync(bin('pg_amcheck'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '--install-missing', '--heapallindexed', database], { stdio: 'pipe' }),
		destroy() {
			try {
				cluster.stop('immediate');
			} catch {
				// already stopped
			}
			fs.rmSync(dir, { recursive: true, force: true });
		}
	};
	cluster.start();
	return cluster;
}
