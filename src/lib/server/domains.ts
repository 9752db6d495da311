import { leitbildSearchSource } from '#lib/features/leitbild/server/index.ts';
import { regionSearchSource } from '#lib/features/region/server/index.ts';
import { pagesSearchSource } from '#lib/features/pages/server/index.ts';
import type { SearchSource } from '#lib/features/search/server/registry.ts';

/**
 * The platform's domains and what each contributes to shared mechanisms. A new module adds its
 * line here; search, open data and the route sweep pick it up from this list.
 */
export const searchSources: SearchSource[] = [regionSearchSource, leitbildSearchSource, pagesSearchSource];
