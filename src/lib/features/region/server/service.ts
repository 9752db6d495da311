import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { transaction, type Db } from '#lib/server/db/client.ts';
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
	await queries.replaceRegion(db, {
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
			boundaryGeoJson: boundaries.get(m.ags)!,
			boundarySource: attribution,
			districts: m.districts.map((d) => (typeof d === 'string' ? { name: d } : d))
		}))
	});
	return file;
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
