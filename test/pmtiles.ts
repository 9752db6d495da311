/**
 * Writes a minimal PMTiles v3 archive (one z0 vector tile with an empty "earth" layer), so the
 * tests can serve a real basemap file without downloading one. Follows the PMTiles v3 spec:
 * 127-byte header, root directory, JSON metadata, tile data; nothing compressed.
 */
function varint(n: number) {
	const out: number[] = [];
	while (n >= 0x80) {
		out.push((n & 0x7f) | 0x80);
		n = Math.floor(n / 128);
	}
	out.push(n);
	return out;
}

export function minimalPmtiles() {
	const name = Buffer.from('earth');
	// MVT layer: version 2, name, extent 4096; the tile holds that one layer
	const layer = Buffer.from([0x78, 0x02, 0x0a, name.length, ...name, 0x28, ...varint(4096)]);
	const tile = Buffer.from([0x1a, ...varint(layer.length), ...layer]);
	// root directory: 1 entry, tile id 0, run length 1, length, offset+1
	const directory = Buffer.from([...varint(1), ...varint(0), ...varint(1), ...varint(tile.length), ...varint(1)]);
	const metadata = Buffer.from(JSON.stringify({ vector_layers: [{ id: 'earth', fields: {} }] }));
	const header = Buffer.alloc(127);
	header.write('PMTiles', 0, 'ascii');
	header.writeUInt8(3, 7);
	let offset = 127;
	const fields: [number, number][] = [
		[offset, directory.length],
		[(offset += directory.length), metadata.length],
		[(offset += metadata.length), 0], // no leaf directories
		[offset, tile.length]
	];
	fields.forEach(([o, l], i) => {
		header.writeBigUInt64LE(BigInt(o), 8 + i * 16);
		header.writeBigUInt64LE(BigInt(l), 16 + i * 16);
	});
	header.writeBigUInt64LE(1n, 72); // addressed tiles
	header.writeBigUInt64LE(1n, 80); // tile entries
	header.writeBigUInt64LE(1n, 88); // tile contents
	header.writeUInt8(1, 96); // clustered
	header.writeUInt8(1, 97); // internal compression: none
	header.writeUInt8(1, 98); // tile compression: none
	header.writeUInt8(1, 99); // tile type: mvt
	header.writeUInt8(0, 100); // min zoom
	header.writeUInt8(0, 101); // max zoom
	header.writeInt32LE(-1800000000, 102);
	header.writeInt32LE(-850000000, 106);
	header.writeInt32LE(1800000000, 110);
	header.writeInt32LE(850000000, 114);
	header.writeUInt8(0, 118);
	header.writeInt32LE(126000000, 119);
	header.writeInt32LE(513000000, 123);
	return Buffer.concat([header, directory, metadata, tile]);
}
