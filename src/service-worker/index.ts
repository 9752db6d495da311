import { self } from '$app/service-worker';
import { immutable, assets } from '$app/manifest';
import { version } from '$app/env';

/**
 * Partheland-App service worker: caches the app's own build files and static assets, and an
 * offline page. Pages and API answers are never cached (personal and back-office pages must not
 * be), so the network is always asked first; only when it fails does the offline page appear.
 */
const CACHE = `partheland-${version}`;
const OFFLINE = '/offline';
const files = [...immutable.map((f) => `/${f.path}`), ...assets.map((f) => `/${f.path}`)];
const cached = new Set(files);

self.addEventListener('install', (event) => {
	event.waitUntil(
		(async () => {
			const cache = await caches.open(CACHE);
			await cache.addAll([...files, OFFLINE]);
			await self.skipWaiting();
		})()
	);
});

self.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
			await self.clients.claim();
		})()
	);
});

self.addEventListener('fetch', (event) => {
	const request = event.request;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== self.location.origin) return;

	if (cached.has(url.pathname)) {
		event.respondWith(caches.match(request).then((hit) => hit ?? fetch(request)));
		return;
	}
	if (request.mode === 'navigate') {
		event.respondWith(
			fetch(request).catch(async () => (await caches.match(OFFLINE)) ?? new Response('Offline', { status: 503, headers: { 'content-type': 'text/plain; charset=utf-8' } }))
		);
	}
});
