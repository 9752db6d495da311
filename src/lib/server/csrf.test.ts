import { describe, expect, it } from 'vitest';
import { isForgedRequest } from './csrf.ts';

const url = new URL('https://partheland.example/konto');
const post = (headers: Record<string, string>, path = url) => [new Request(path, { method: 'POST', headers }), path] as const;

describe('isForgedRequest', () => {
	it('refuses form posts from other origins or without an origin, in any spelling of the type', () => {
		expect(isForgedRequest(...post({ 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' }))).toBe(true);
		expect(isForgedRequest(...post({ 'content-type': 'Multipart/Form-Data; boundary=x', origin: 'https://evil.example' }))).toBe(true);
		expect(isForgedRequest(...post({ 'content-type': 'TEXT/PLAIN' }))).toBe(true);
		expect(isForgedRequest(...post({}))).toBe(true);
	});

	it('lets same-origin forms, JSON bodies and reads through', () => {
		expect(isForgedRequest(...post({ 'content-type': 'application/x-www-form-urlencoded', origin: 'https://partheland.example' }))).toBe(false);
		expect(isForgedRequest(...post({ 'content-type': 'application/json', origin: 'https://evil.example' }))).toBe(false);
		expect(isForgedRequest(new Request(url, { method: 'GET' }), url)).toBe(false);
	});

	it('exempts only the Open311 POST requests endpoint', () => {
		const open311 = new URL('https://partheland.example/georeport/v2/requests.json');
		expect(isForgedRequest(...post({ 'content-type': 'application/x-www-form-urlencoded', origin: 'https://app.example' }, open311))).toBe(false);
		const other = new URL('https://partheland.example/georeport/v2/requests.json/../../konto');
		expect(isForgedRequest(...post({ 'content-type': 'application/x-www-form-urlencoded', origin: 'https://app.example' }, other))).toBe(true);
		const nearby = new URL('https://partheland.example/georeport/v2/requests.json.evil');
		expect(isForgedRequest(...post({ 'content-type': 'application/x-www-form-urlencoded', origin: 'https://app.example' }, nearby))).toBe(true);
	});
});
