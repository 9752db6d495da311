import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Fetches a document from a URL someone typed in (an external calendar), defended against being
 * turned on the platform's own network: only http(s); every address a name resolves to must be a
 * public unicast address (no loopback, private, link-local, unique-local, CGNAT, multicast or
 * reserved ranges) unless `allowPrivate` is set; the connection goes to the address that was
 * checked (no DNS rebinding); redirects are followed a few times, each checked again; the body is
 * streamed and cut off at `maxBytes`; the whole fetch has a deadline.
 */
export type SafeFetchOptions = { allowPrivate: boolean; maxBytes: number; timeoutMs: number; maxRedirects?: number };

export class FetchRefused extends Error {
	readonly reason: 'scheme' | 'address' | 'status' | 'too_large' | 'timeout' | 'redirects' | 'network';
	constructor(reason: FetchRefused['reason'], message: string) {
		super(message);
		this.reason = reason;
	}
}

/** Whether an address may be connected to. */
export function isPublicAddress(address: string) {
	if (!ipaddr.isValid(address)) return false;
	// IPv4-mapped IPv6 addresses are judged as the IPv4 address they carry
	return ipaddr.process(address).range() === 'unicast';
}

function guardedLookup(allowPrivate: boolean): LookupFunction {
	return (hostname, options, callback) => {
		dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
			if (error) return callback(error, '', 4);
			const list = addresses as dns.LookupAddress[];
			const refused = list.find((a) => !allowPrivate && !isPublicAddress(a.address));
			if (refused || !list.length) return callback(Object.assign(new Error(`address ${refused?.address ?? '(none)'} refused`), { code: 'EREFUSEDADDRESS' }), '', 4);
			if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
			callback(null, list[0].address, list[0].family);
		});
	};
}

export async function safeFetch(raw: string, opts: SafeFetchOptions): Promise<{ body: Buffer; url: string; contentType: string }> {
	const deadline = Date.now() + opts.timeoutMs;
	let url = raw;
	for (let hop = 0; hop <= (opts.maxRedirects ?? 3); hop++) {
		const result = await fetchOnce(url, opts, deadline);
		if ('redirect' in result) {
			url = new URL(result.redirect, url).href;
			continue;
		}
		return { ...result, url };
	}
	throw new FetchRefused('redirects', 'Zu viele Weiterleitungen.');
}

function fetchOnce(raw: string, opts: SafeFetchOptions, deadline: number): Promise<{ redirect: string } | { body: Buffer; contentType: string }> {
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		return Promise.reject(new FetchRefused('scheme', 'Das ist keine gültige Adresse.'));
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') return Promise.reject(new FetchRefused('scheme', 'Nur Adressen mit http:// oder https:// werden abgerufen.'));
	if (url.username || url.password) return Promise.reject(new FetchRefused('scheme', 'Adressen mit Zugangsdaten werden nicht abgerufen.'));
	const host = url.hostname.replace(/^\[|\]$/g, '');
	if (ipaddr.isValid(host) && !opts.allowPrivate && !isPublicAddress(host)) return Promise.reject(new FetchRefused('address', 'Diese Adresse liegt in einem internen Netz und wird nicht abgerufen.'));
	const remaining = deadline - Date.now();
	if (remaining <= 0) return Promise.reject(new FetchRefused('timeout', 'Der Abruf hat zu lange gedauert.'));

	return new Promise((resolve, reject) => {
		const get = url.protocol === 'https:' ? https.get : http.get;
		const request = get(url, { lookup: guardedLookup(opts.allowPrivate), headers: { 'user-agent': 'Partheland-Kalenderimport/1', accept: 'text/calendar, */*;q=0.5' } }, (response) => {
			const status = response.statusCode ?? 0;
			if (status >= 300 && status < 400 && response.headers.location) {
				response.resume();
				clearTimeout(timer);
				return resolve({ redirect: response.headers.location });
			}
			if (status !== 200) {
				response.resume();
				clearTimeout(timer);
				return reject(new FetchRefused('status', `Der Server antwortete mit ${status}.`));
			}
			const declared = Number(response.headers['content-length'] ?? '0');
			if (declared > opts.maxBytes) {
				request.destroy();
				clearTimeout(timer);
				return reject(new FetchRefused('too_large', `Die Datei ist größer als ${Math.round(opts.maxBytes / 1_048_576)} MB.`));
			}
			const chunks: Buffer[] = [];
			let size = 0;
			response.on('data', (chunk: Buffer) => {
				size += chunk.length;
				if (size > opts.maxBytes) {
					request.destroy(new FetchRefused('too_large', `Die Datei ist größer als ${Math.round(opts.maxBytes / 1_048_576)} MB.`));
					return;
				}
				chunks.push(chunk);
			});
			response.on('end', () => {
				clearTimeout(timer);
				resolve({ body: Buffer.concat(chunks), contentType: String(response.headers['content-type'] ?? '') });
			});
			response.on('error', (e) => {
				clearTimeout(timer);
				reject(e instanceof FetchRefused ? e : new FetchRefused('network', 'Die Verbindung ist abgebrochen.'));
			});
		});
		const timer = setTimeout(() => request.destroy(new FetchRefused('timeout', 'Der Abruf hat zu lange gedauert.')), remaining);
		request.on('error', (e: Error & { code?: string }) => {
			clearTimeout(timer);
			if (e instanceof FetchRefused) reject(e);
			else if (e.code === 'EREFUSEDADDRESS') reject(new FetchRefused('address', 'Diese Adresse liegt in einem internen Netz und wird nicht abgerufen.'));
			else reject(new FetchRefused('network', `Der Server war nicht erreichbar (${e.code ?? e.message}).`));
		});
	});
}
