import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './availability.ts';

const wrapped = (cause: object) => Object.assign(new Error('Failed query: select 1'), { cause });

describe('isDatabaseUnavailable', () => {
	it('knows a server that is gone, shutting down or full, also wrapped by the ORM', () => {
		expect(isDatabaseUnavailable(wrapped(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })))).toBe(true);
		expect(isDatabaseUnavailable(wrapped({ code: '57P01', message: 'terminating connection due to administrator command' }))).toBe(true);
		expect(isDatabaseUnavailable(wrapped({ code: '57P03', message: 'the database system is starting up' }))).toBe(true);
		expect(isDatabaseUnavailable(wrapped({ code: '08006', message: 'connection failure' }))).toBe(true);
		expect(isDatabaseUnavailable(wrapped({ code: '53300', message: 'too many clients' }))).toBe(true);
		expect(isDatabaseUnavailable(wrapped(new Error('Connection terminated unexpectedly')))).toBe(true);
		expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
	});

	it('leaves faults of the query itself to be errors', () => {
		expect(isDatabaseUnavailable(wrapped({ code: '23505', message: 'duplicate key value violates unique constraint' }))).toBe(false);
		expect(isDatabaseUnavailable(wrapped({ code: '22P02', message: 'invalid input syntax for type integer' }))).toBe(false);
		expect(isDatabaseUnavailable(new Error('something else'))).toBe(false);
		expect(isDatabaseUnavailable(undefined)).toBe(false);
		expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
	});
});
