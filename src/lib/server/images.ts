import sharp, { type Sharp } from 'sharp';
import decodeHeic from 'heic-decode';

/**
 * The one image pipeline for uploads: decode (which is the validation), apply the orientation,
 * resize, re-encode as WebP without any metadata (no GPS position, no camera serial), and make a
 * thumbnail. HEIC from phones is decoded by libheif compiled to WebAssembly, because sharp's
 * prebuilt binary cannot read it.
 */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
const MAX_EDGE = 1600;
const THUMB_EDGE = 400;

export class ImageError extends Error {
	readonly reason: 'too_large' | 'unreadable' | 'empty';
	constructor(reason: 'too_large' | 'unreadable' | 'empty') {
		super(reason);
		this.reason = reason;
	}
}

export type ProcessedImage = { image: Buffer; thumb: Buffer; width: number; height: number };

function isHeif(data: Buffer) {
	if (data.length < 12 || data.toString('latin1', 4, 8) !== 'ftyp') return false;
	return ['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1'].includes(data.toString('latin1', 8, 12));
}

async function open(data: Buffer): Promise<Sharp> {
	if (isHeif(data)) {
		const decoded = await decodeHeic({ buffer: data }).catch(() => {
			throw new ImageError('unreadable');
		});
		return sharp(Buffer.from(decoded.data.buffer, decoded.data.byteOffset, decoded.data.byteLength), {
			raw: { width: decoded.width, height: decoded.height, channels: 4 }
		});
	}
	const input = sharp(data, { failOn: 'error', limitInputPixels: 50_000_000 });
	const meta = await input.metadata().catch(() => {
		throw new ImageError('unreadable');
	});
	if (!['jpeg', 'png', 'webp'].includes(meta.format ?? '')) throw new ImageError('unreadable');
	return input;
}

export async function processImage(data: Buffer): Promise<ProcessedImage> {
	if (data.length === 0) throw new ImageError('empty');
	if (data.length > MAX_IMAGE_BYTES) throw new ImageError('too_large');
	const input = await open(data);
	try {
		// rotate() before resize(): it applies the EXIF orientation, which the re-encode drops with all other metadata
		const image = await input.rotate().resize(MAX_EDGE, MAX_EDGE, { fit: 'inside', withoutEnlargement: true }).webp({ quality: 80 }).toBuffer({ resolveWithObject: true });
		const thumb = await sharp(image.data).resize(THUMB_EDGE, THUMB_EDGE, { fit: 'inside', withoutEnlargement: true }).webp({ quality: 70 }).toBuffer();
		return { image: image.data, thumb, width: image.info.width, height: image.info.height };
	} catch (e) {
		if (e instanceof ImageError) throw e;
		throw new ImageError('unreadable');
	}
}
