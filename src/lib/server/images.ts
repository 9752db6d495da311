import sharp, { type Sharp } from 'sharp';
import decodeHeic from 'heic-decode';
import { newStorageKey, type Storage } from './storage/index.ts';

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

/** The stored copies of an uploaded image: the re-encoded image and its thumbnail. */
export type StoredImage = { imageKey: string; thumbKey: string };

/** The German message for the back office's forms when an image is refused. */
export const imageRefusal = (e: ImageError) => (e.reason === 'too_large' ? 'Das Bild ist zu groß (höchstens 10 MB).' : 'Das Bild konnte nicht gelesen werden (JPEG, PNG, WebP oder HEIC).');

/**
 * Runs an upload through the pipeline and stores image and thumbnail under `prefix` (events,
 * news, places). Throws ImageError for what cannot be read; nothing is stored then.
 */
export async function storeImage(storage: Storage, data: Buffer, prefix: string): Promise<StoredImage> {
	const processed = await processImage(data);
	const keys = { imageKey: newStorageKey(prefix, 'webp'), thumbKey: newStorageKey(prefix, 'webp') };
	await storage.put(keys.imageKey, processed.image);
	try {
		await storage.put(keys.thumbKey, processed.thumb);
	} catch (error) {
		await storage.remove(keys.imageKey).catch(() => {}); // the nightly clean-up would find it too
		throw error;
	}
	return keys;
}

/** Removes both stored copies (after a failed save, or when an image is replaced or dropped). */
export async function removeStoredImage(storage: Storage, keys: { imageKey: string | null; thumbKey: string | null }) {
	await Promise.all([keys.imageKey && storage.remove(keys.imageKey), keys.thumbKey && storage.remove(keys.thumbKey)]);
}

/** A stored (re-encoded) image as a response: WebP, cacheable, never sniffed. */
export function imageResponse(data: Buffer) {
	return new Response(new Uint8Array(data), { headers: { 'content-type': 'image/webp', 'cache-control': 'public, max-age=3600', 'x-content-type-options': 'nosniff' } });
}
