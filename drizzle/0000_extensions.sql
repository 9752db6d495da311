-- Extensions the platform needs. On a PostgreSQL server where the app's role is not a superuser,
-- an administrator creates them beforehand (see docs/operations.md); then these are no-ops.
CREATE EXTENSION IF NOT EXISTS postgis;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;
