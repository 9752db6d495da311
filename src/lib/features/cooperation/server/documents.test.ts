import zlib from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { checkDocument, downloadName } from './documents.ts';

/** A ZIP archive with stored (uncompressed) entries, as office programs write the first ones. */
function zip(entries: [string, string][]) {
	const parts: Buffer[] = [];
	for (const [name, content] of entries) {
		const data = Buffer.from(content);
		const header = Buffer.alloc(30);
		header.writeUInt32LE(0x04034b50, 0);
		header.writeUInt16LE(20, 4);
		header.writeUInt32LE(zlib.crc32(data), 14);
		header.writeUInt32LE(data.length, 18);
		header.writeUInt32LE(data.length, 22);
		header.writeUInt16LE(Buffer.byteLength(name), 26);
		parts.push(header, Buffer.from(name), data);
	}
	return Buffer.concat(parts);
}

describe('documents of a measure', () => {
	it('knows office documents by their content', async () => {
		const docx = zip([['[Content_Types].xml', '<Types/>'], ['_rels/.rels', '<Relationships/>'], ['word/document.xml', '<w:document/>']]);
		expect((await checkDocument(docx)).extension).toBe('docx');
		const xlsx = zip([['[Content_Types].xml', '<Types/>'], ['xl/workbook.xml', '<workbook/>']]);
		expect((await checkDocument(xlsx)).mediaType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
		const odt = zip([['mimetype', 'application/vnd.oasis.opendocument.text'], ['content.xml', '<office:document-content/>']]);
		expect((await checkDocument(odt)).extension).toBe('odt');
	});

	it('refuses macros, other archives and anything else', async () => {
		const xlsm = zip([['[Content_Types].xml', '<Types/>'], ['xl/workbook.xml', '<workbook/>'], ['xl/vbaProject.bin', 'macro']]);
		await expect(checkDocument(xlsm)).rejects.toMatchObject({ reason: 'type' });
		await expect(checkDocument(zip([['readme.txt', 'hallo']]))).rejects.toMatchObject({ reason: 'type' });
		await expect(checkDocument(Buffer.from('<svg onload="alert(1)"/>'))).rejects.toMatchObject({ reason: 'type' });
		await expect(checkDocument(Buffer.alloc(0))).rejects.toMatchObject({ reason: 'empty' });
		// shorter than any signature (found by the form fuzzing: it was a RangeError, a 500)
		for (const bytes of [[0], [0x50, 0x4b], [0x50, 0x4b, 0x03]]) await expect(checkDocument(Buffer.from(bytes))).rejects.toMatchObject({ reason: 'type' });
		// a ZIP header cut off inside its fields
		await expect(checkDocument(zip([['[Content_Types].xml', '<Types/>']]).subarray(0, 12))).rejects.toMatchObject({ reason: 'type' });
		await expect(checkDocument(Buffer.alloc(20 * 1024 * 1024 + 1, 0x25))).rejects.toMatchObject({ reason: 'too_large' });
	});

	it('re-encodes images as WebP without their metadata', async () => {
		const jpeg = await sharp({ create: { width: 20, height: 10, channels: 3, background: '#fff' } })
			.jpeg()
			.withExif({ IFD0: { Artist: 'Jemand' } })
			.toBuffer();
		const checked = await checkDocument(jpeg);
		expect(checked.mediaType).toBe('image/webp');
		expect((await sharp(checked.data).metadata()).exif).toBeUndefined();
	});

	it('names downloads safely', () => {
		expect(downloadName('Konzept Bürgerbüro 2026/27', 'pdf')).toBe('Konzept-Burgerburo-2026-27.pdf');
		expect(downloadName('../../etc/passwd', 'pdf')).toBe('etc-passwd.pdf');
		expect(downloadName('„“', 'docx')).toBe('dokument.docx');
	});
});
