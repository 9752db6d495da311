import type { Locale } from '#lib/i18n/localized.ts';

declare global {
	namespace App {
		interface Locals {
			requestId: string;
			locale: Locale;
			demo: boolean;
			/** The signed-in user, or the guest. */
			actor: import('#lib/server/actor.ts').Actor;
			/** The session cookie's token while signed in (to end this session). */
			sessionToken?: string;
		}
		interface Error {
			message: string;
			status: number;
		}
	}
}

export {};
