import type { Locale } from '#lib/i18n/localized.ts';

declare global {
	namespace App {
		interface Locals {
			requestId: string;
			locale: Locale;
			demo: boolean;
		}
		interface Error {
			message: string;
			status: number;
		}
	}
}

export {};
