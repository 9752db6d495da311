import { pick, type Locale } from '#lib/i18n/index.ts';
import type { AttributeRow, CategoryRow } from './queries.ts';

/** A category as an Open311 service (GET services). */
export function presentService(category: CategoryRow, attributeCount: number, locale: Locale = 'de') {
	return {
		service_code: category.code,
		service_name: pick(category.name, locale).text,
		description: category.description ? pick(category.description, locale).text : null,
		metadata: attributeCount > 0,
		type: 'realtime' as const,
		keywords: category.keywords,
		group: category.group
	};
}

/** A category's extra questions as an Open311 service definition (GET services/{code}). */
export function presentServiceDefinition(category: CategoryRow, attributes: AttributeRow[], locale: Locale = 'de') {
	return {
		service_code: category.code,
		attributes: attributes.map((a) => ({
			variable: a.variable,
			code: a.code,
			datatype: a.datatype,
			required: a.required,
			datatype_description: a.datatypeDescription ? pick(a.datatypeDescription, locale).text : null,
			order: a.order,
			description: pick(a.description, locale).text,
			values: a.values.map((v) => ({ key: v.key, name: pick(v.name, locale).text }))
		}))
	};
}
