// Every domain's tables, for drizzle (queries with relations, drizzle-kit generate).
export * from '../../features/region/server/tables.ts';
export * from '../../features/leitbild/server/tables.ts';
export * from '../../features/search/server/tables.ts';
export * from '../../features/feedback/server/tables.ts';
export * from '../mail/tables.ts';
export * from '../rate-limit/tables.ts';
export * from '../../features/accounts/server/tables.ts';
export * from '../../features/audit/server/tables.ts';
export * from '../../features/reports/server/tables.ts';
export * from '../../features/apikeys/server/tables.ts';
export * from '../../features/addresses/server/tables.ts';
export * from '../../features/cooperation/server/tables.ts';
export * from '../../features/bodies/server/tables.ts';
export * from '../../features/bundling/server/tables.ts';
export * from '../../features/events/server/tables.ts';
export * from '../../features/news/server/tables.ts';
export * from '../../features/places/server/tables.ts';
