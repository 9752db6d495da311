import { describe, expect, it } from 'vitest';
import { auditDiff } from './service.ts';

describe('auditDiff', () => {
	it('keeps only what changed, by dotted field name', () => {
		expect(
			auditDiff(
				{ contact: { phone: '1', email: 'a@example.org' }, inhabitants: 10 },
				{ contact: { phone: '2', email: 'a@example.org' }, inhabitants: 10 }
			)
		).toEqual({ before: { 'contact.phone': '1' }, after: { 'contact.phone': '2' } });
	});

	it('records added and removed fields and never a secret', () => {
		expect(auditDiff({ passwordHash: 'x', name: 'A' }, { passwordHash: 'y', name: 'A', website: 'https://a.example' })).toEqual({
			before: { passwordHash: '[entfernt]', website: null },
			after: { passwordHash: '[entfernt]', website: 'https://a.example' }
		});
		expect(auditDiff(null, { token: 'abc', role: 'staff' })).toEqual({ after: { token: '[entfernt]', role: 'staff' } });
	});
});
