/**
 * WOFF 1.0 → SFNT (TrueType) conversion, so jsPDF can embed the self-hosted Noto Sans SC font
 * (`@fontsource/noto-sans-sc` ships WOFF/WOFF2 only; jsPDF reads TTF). The PDF brief needs a CJK-capable font:
 * jsPDF subsets it on output (Identity-H), so only the glyphs used are written.
 *
 * Format: W3C "WOFF File Format 1.0" (https://www.w3.org/TR/WOFF/) §3–§5: a 44-byte header, a directory of
 * 20-byte entries (tag, offset, compLength, origLength, origChecksum), each table zlib-compressed when
 * compLength < origLength. The SFNT is rebuilt with the OpenType offset table (§5.1 of the OpenType spec:
 * searchRange / entrySelector / rangeShift) and tables 4-byte aligned.
 *
 * Works in browsers and Node ≥ 18 (uses the standard `DecompressionStream('deflate')`, which reads zlib streams).
 */

/** Thrown when the bytes are not a WOFF 1.0 font or a table is damaged. */
export class WoffError extends Error {}

/** Inflate a zlib stream (RFC 1950) with the platform's DecompressionStream. */
export async function inflateZlib(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * Convert a WOFF 1.0 file to the SFNT bytes it wraps (a `.ttf` for TrueType-flavoured fonts).
 * @param woff the WOFF file's bytes
 * @param inflate zlib inflater (default {@link inflateZlib})
 * @returns the SFNT bytes (first four bytes = the WOFF `flavor`, 0x00010000 for TrueType)
 * @throws WoffError on a bad signature, a table outside the file or a table whose inflated size differs from origLength
 */
export async function woffToSfnt(woff: Uint8Array, inflate: (d: Uint8Array) => Promise<Uint8Array> = inflateZlib): Promise<Uint8Array> {
  const dv = new DataView(woff.buffer, woff.byteOffset, woff.byteLength);
  if (woff.byteLength < 44 || dv.getUint32(0) !== 0x774f4646) throw new WoffError('not a WOFF 1.0 file (signature "wOFF" missing)');
  const flavor = dv.getUint32(4);
  const numTables = dv.getUint16(12);
  const tables: { tag: number; checksum: number; data: Uint8Array }[] = [];
  for (let i = 0; i < numTables; i++) {
    const e = 44 + i * 20;
    const tag = dv.getUint32(e);
    const offset = dv.getUint32(e + 4);
    const compLength = dv.getUint32(e + 8);
    const origLength = dv.getUint32(e + 12);
    const checksum = dv.getUint32(e + 16);
    if (offset + compLength > woff.byteLength) throw new WoffError(`table ${tagName(tag)} lies outside the file`);
    const raw = woff.subarray(offset, offset + compLength);
    const data = compLength < origLength ? await inflate(raw) : raw;
    if (data.byteLength !== origLength) throw new WoffError(`table ${tagName(tag)}: inflated ${data.byteLength} bytes, expected ${origLength}`);
    tables.push({ tag, checksum, data });
  }
  tables.sort((a, b) => a.tag - b.tag);
  const headerSize = 12 + 16 * numTables;
  let size = headerSize;
  for (const t of tables) size += (t.data.byteLength + 3) & ~3;
  const out = new Uint8Array(size);
  const ov = new DataView(out.buffer);
  let entrySelector = 0;
  while (1 << (entrySelector + 1) <= numTables) entrySelector++;
  const searchRange = (1 << entrySelector) * 16;
  ov.setUint32(0, flavor);
  ov.setUint16(4, numTables);
  ov.setUint16(6, searchRange);
  ov.setUint16(8, entrySelector);
  ov.setUint16(10, numTables * 16 - searchRange);
  let at = headerSize;
  tables.forEach((t, i) => {
    const r = 12 + i * 16;
    ov.setUint32(r, t.tag);
    ov.setUint32(r + 4, t.checksum);
    ov.setUint32(r + 8, at);
    ov.setUint32(r + 12, t.data.byteLength);
    out.set(t.data, at);
    at += (t.data.byteLength + 3) & ~3;
  });
  return out;
}

function tagName(tag: number): string {
  return String.fromCharCode((tag >>> 24) & 255, (tag >>> 16) & 255, (tag >>> 8) & 255, tag & 255);
}

/** Bytes → a "binary string" (one char per byte), the form jsPDF's `addFileToVFS` accepts for a TTF. */
export function bytesToBinaryString(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return s;
}
