import fs from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ImageError, MAX_IMAGE_BYTES, processImage } from './images.ts';

/** A phone photo: 1200×800 landscape pixels shown rotated (EXIF orientation 6), with a GPS position and an author. */
async function phonePhoto() {
	return sharp({ create: { width: 2400, height: 1600, channels: 3, background: { r: 90, g: 140, b: 60 } } })
		.jpeg()
		.withMetadata({ orientation: 6 })
		.withExifMerge({ IFD0: { Artist: 'Erika Mustermann' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 19/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '12/1 33/1 0/1' } })
		.toBuffer();
}

describe('processImage', () => {
	it('applies the orientation, limits the size and drops all metadata', async () => {
		const input = await phonePhoto();
		const before = await sharp(input).metadata();
		expect(before.orientation).toBe(6);
		expect(before.exif?.toString('latin1')).toContain('Erika');

		const out = await processImage(input);
		const meta = await sharp(out.image).metadata();
		expect(meta.format).toBe('webp');
		// portrait after rotation, longest edge 1600
		expect([meta.width, meta.height]).toEqual([1067, 1600]);
		expect([out.width, out.height]).toEqual([1067, 1600]);
		expect(meta.exif).toBeUndefined();
		expect(meta.xmp).toBeUndefined();
		expect(meta.icc).toBeUndefined();
		expect(out.image.toString('latin1')).not.toContain('Erika');
		const thumb = await sharp(out.thumb).metadata();
		expect(Math.max(thumb.width!, thumb.height!)).toBe(400);
	});

	it('decodes HEIC from phones', async () => {
		const out = await processImage(fs.readFileSync('test/fixtures/photo.heic'));
		const meta = await sharp(out.image).metadata();
		expect(meta.format).toBe('webp');
		expect([meta.width, meta.height]).toEqual([64, 48]);
	});

	it('keeps PNG and WebP, never enlarges small images', async () => {
		const png = await sharp({ create: { width: 40, height: 30, channels: 4, background: '#336699' } }).png().toBuffer();
		expect((await processImage(png)).width).toBe(40);
		const webp = await sharp(png).webp().toBuffer();
		expect((await processImage(webp)).height).toBe(30);
	});

	it('refuses what does not decode, other formats, empty and oversized files', async () => {
		const refusal = (data: Buffer) => processImage(data).then(() => 'accepted', (e: ImageError) => e.reason);
		expect(await refusal(Buffer.from('GIF89a not really'))).toBe('unreadable');
		expect(await refusal(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe('unreadable');
		const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } }).gif().toBuffer();
		expect(await refusal(gif)).toBe('unreadable');
		const jpeg = await phonePhoto();
		expect(await refusal(jpeg.subarray(0, 300))).toBe('unreadable');
		const brokenHeic = fs.readFileSync('test/fixtures/photo.heic').subarray(0, 100);
		expect(await refusal(brokenHeic)).toBe('unreadable');
		expect(await refusal(Buffer.alloc(0))).toBe('empty');
		expect(await refusal(Buffer.alloc(MAX_IMAGE_BYTES + 1))).toBe('too_large');
	});
});
