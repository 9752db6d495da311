import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

export default ts.config(
	{ ignores: ['build/', '.svelte-kit/', 'node_modules/', 'data/', 'bench/results/', 'drizzle/'] },
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{ languageOptions: { globals: { ...globals.browser, ...globals.node } } },
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } }
	},
	{
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			// plain links are right for a server-rendered app without base path
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{
		// Only queries.ts files (and the db plumbing, tables and tests) may talk to Drizzle directly.
		files: ['src/**/*.ts', 'src/**/*.svelte'],
		ignores: ['src/**/queries.ts', 'src/**/tables.ts', 'src/lib/server/db/**', 'src/**/*.test.ts'],
		rules: {
			'no-restricted-imports': ['error', { patterns: [{ group: ['drizzle-orm', 'drizzle-orm/*'], message: 'Nur queries.ts greift auf Drizzle zu.' }] }]
		}
	}
);
