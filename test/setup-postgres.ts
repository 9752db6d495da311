import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/lib/server/db/client.ts';
import { preparePlatform } from '../src/lib/server/platform.ts';

/**
 * Creates a template database on the PostgreSQL server of TEST_DATABASE_URL, migrated and filled
 * once; each test file clones it (CREATE DATABASE … TEMPLATE), which takes well under a second.
 */
export default async function setup(project: TestProject) {
	const url = new URL(process.env.TEST_DATABASE_URL!);
	const template = `partheland_template_${process.pid}`;
	const admin = new pg.Client({ connectionString: url.href });
	await admin.connect();
	await admin.query(`drop database if exists ${template}`);
	await admin.query(`create database ${template}`);
	const templateUrl = new URL(url);
	templateUrl.pathname = `/${template}`;
	const database = await openDatabase({ url: templateUrl.href, poolSize: 2 });
	await preparePlatform(database, { MIGRATIONS_DIR: 'drizzle', REGION_DIR: 'regions/partheland', DEMO_DATA: true });
	await database.close();
	project.provide('postgresTemplate', template);
	return async () => {
		await admin.query(`drop database if exists ${template} with (force)`);
		await admin.end();
	};
}
