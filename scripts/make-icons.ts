/** Renders the app icons (PNG, for the web app manifest) from static/favicon.svg. Output is committed. */
import fs from 'node:fs';
import sharp from 'sharp';

const svg = fs.readFileSync('static/favicon.svg');
fs.mkdirSync('static/icons', { recursive: true });
for (const size of [192, 512]) {
	await sharp(svg, { density: 600 }).resize(size, size).png().toFile(`static/icons/icon-${size}.png`);
	// maskable: the mark on a full-bleed background with a safe zone
	const inner = await sharp(svg, { density: 600 }).resize(Math.round(size * 0.7), Math.round(size * 0.7)).png().toBuffer();
	await sharp({ create: { width: size, height: size, channels: 4, background: '#1f5f4a' } })
		.composite([{ input: inner, gravity: 'center' }])
		.png()
		.toFile(`static/icons/maskable-${size}.png`);
}
console.log('icons written to static/icons');
