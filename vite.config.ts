import { defineConfig } from 'vite';
import { sveltekit } from '@sveltejs/kit/vite';
import adapter from '@sveltejs/adapter-node';

// Content-Security-Policy: nothing but the platform's own origin. SvelteKit adds nonces for the
// inline scripts it generates. MapLibre needs blob: workers and images (CSP build, see docs).
const self = ['self'] as const;

export default defineConfig({
	plugins: [
		sveltekit({
			adapter: adapter({ out: 'build', precompress: true }),
			csp: {
				mode: 'auto',
				directives: {
					'default-src': [...self],
					'script-src': [...self],
					'style-src': [...self],
					// exactly one inline style attribute is allowed: SvelteKit's route announcer
					// (visually hidden live region); its hash is checked in a unit test.
					'style-src-attr': ['unsafe-hashes', 'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo='],
					'img-src': [...self, 'data:', 'blob:'],
					'font-src': [...self],
					'connect-src': [...self],
					'worker-src': [...self, 'blob:'],
					'manifest-src': [...self],
					'frame-ancestors': ['none'],
					'form-action': [...self],
					'base-uri': [...self],
					'object-src': ['none']
				}
			},
			serviceWorker: { register: true },
			// our own origin check in hooks.server.ts (src/lib/server/csrf.ts) replaces the built-in
			// one, because Open311 clients must post forms to one endpoint from anywhere
			csrf: { trustedOrigins: ['*'] }
		})
	],
	build: { chunkSizeWarningLimit: 1200 }
});
