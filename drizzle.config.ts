import { defineConfig } from 'drizzle-kit';

// Only `drizzle-kit generate` is used; migrations run from the app (src/lib/server/db/migrate.ts).
export default defineConfig({
	dialect: 'postgresql',
	schema: './src/lib/server/db/schema.ts',
	out: './drizzle'
});
