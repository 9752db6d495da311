import { processImage, ImageError } from '#lib/server/images.ts';

export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

export class DocumentError extends Error {
	readonly reason: 'empty' | 'too_large' | 'type';
	constructor(reason: 'empty' | 'too_large' | 'type') {
		super(reason);
		this.reason = reason;
	}
}

/** What a file turned out to be by its content, and the bytes to store. */
export type CheckedDocument = { mediaType: string; extension: string; data: Buffer };

const OOXML: [string, string, string][] = [
	['word/', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx'],
	['xl/', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx'],
	['ppt/', 'application/vnd.openxmlformats-officedocument.presentationml.presentation', 'pptx']
];
const ODF: Record<string, string> = {
	'application/vnd.oasis.opendocument.text': 'odt',
	'application/vnd.oasis.opendocument.spreadsheet': 'ods',
	'application/vnd.oasis.opendocument.presentation': 'odp'
};

/** File names inside a ZIP archive, read from its local file headers. */
function zipEntries(data: Buffer) {
	const names: string[] = [];
	let offset = 0;
	while (offset + 30 <= data.length && data.readUInt32LE(offset) === 0x04034b50 && names.length < 2000) {
		const flags = data.readUInt16LE(offset + 6);
		const compressedSize = data.readUInt32LE(offset + 18);
		const nameLength = data.readUInt16LE(offset + 26);
		const extraLength = data.readUInt16LE(offset + 28);
		names.push(data.subarray(offset + 30, offset + 30 + nameLength).toString('utf8'));
		// with a data descriptor (bit 3) the size is not in the header: the names seen so far must do
		if (flags & 0x08) break;
		offset += 30 + nameLength + extraLength + compressedSize;
	}
	return names;
}

/**
 * Documents of a measure: PDF, office documents (OOXML and OpenDocument; no macro-enabled or
 * legacy binary formats) and images. The type is decided by the content, never by the name or the
 * browser's claim; images are decoded and re-encoded (no metadata survives).
 */
export async function checkDocument(data: Buffer): Promise<CheckedDocument> {
	if (data.length === 0) throw new DocumentError('empty');
	if (data.length > MAX_ATTACHMENT_BYTES) throw new DocumentError('too_large');
	if (data.subarray(0, 5).toString('latin1') === '%PDF-') return { mediaType: 'application/pdf', extension: 'pdf', data };
	if (data.length >= 4 && data.readUInt32LE(0) === 0x04034b50) {
		// OpenDocument: the first entry is "mimetype", stored uncompressed
		if (data.subarray(30, 38).toString('latin1') === 'mimetype') {
			const type = data.subarray(38, 38 + 80).toString('latin1').split(/[^a-z0-9.+/-]/)[0];
			const match = Object.keys(ODF).find((t) => type === t);
			if (match) return { mediaType: match, extension: ODF[match], data };
		}
		const names = zipEntries(data);
		if (names.includes('[Content_Types].xml') && !names.some((n) => /vbaProject\.bin$/i.test(n))) {
			const kind = OOXML.find(([prefix]) => names.some((n) => n.startsWith(prefix)));
			if (kind) return { mediaType: kind[1], extension: kind[2], data };
		}
		throw new DocumentError('type');
	}
	try {
		const image = await processImage(data);
		return { mediaType: 'image/webp', extension: 'webp', data: image.image };
	} catch (e) {
		if (e instanceof ImageError) throw new DocumentError(e.reason === 'too_large' ? 'too_large' : 'type');
		throw e;
	}
}

/** A safe download name: the title's letters, the checked extension. */
export function downloadName(title: string, extension: string) {
	const base = title
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/ß/g, 'ss')
		.replace(/[^A-Za-z0-9._-]+/g, '-')
		.replace(/^[-.]+|[-.]+$/g, '')
		.slice(0, 80);
	return `${base || 'dokument'}.${extension}`;
}
