import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { badRequestText } from '../errors';
import { refusal } from '../../core/datasets/refusals';
import { isWkt, toWgs84 } from '../../core/datasets/crs';

const require = createRequire(import.meta.url);

/** Folder of the EPSG registry entries (npm epsg-index: one JSON file per code, with its proj4 string and WKT). */
function epsgDir(): string {
  return path.join(path.dirname(require.resolve('epsg-index/package.json')), 's');
}

/**
 * Resolve the `crs` a user gave (`EPSG:2263`, `2263`, a proj4 string or WKT) to a reprojection to WGS84.
 * @returns the transform and a readable name (`EPSG:2263 NAD83 / New York Long Island (ftUS)`).
 * @throws AppError 400 naming `field` for an unknown code or a definition proj4 cannot read.
 */
export function resolveCrs(crs: string, field = 'crs'): { transform: (x: number, y: number) => [number, number]; name: string } {
  const text = crs.trim();
  const code = /^(?:EPSG:)?(\d{4,6})$/i.exec(text)?.[1];
  if (code) {
    const file = path.join(epsgDir(), `${code}.json`);
    if (!fs.existsSync(file)) throw badRequestText(refusal('crsUnknown', { field, code }), field);
    const entry = JSON.parse(fs.readFileSync(file, 'utf8')) as { name: string; proj4?: string; wkt?: string };
    const def = entry.proj4 || entry.wkt;
    if (!def) throw badRequestText(refusal('crsNoDefinition', { field, code, name: entry.name }), field);
    return { transform: toWgs84(def), name: `EPSG:${code} ${entry.name}` };
  }
  if (!text.startsWith('+') && !isWkt(text)) {
    throw badRequestText(refusal('crsNotCrs', { field, text: text.slice(0, 80) }), field);
  }
  try {
    return { transform: toWgs84(text), name: text.slice(0, 120) };
  } catch (err) {
    throw badRequestText(refusal('crsUnreadable', { field, detail: (err as Error).message }), field);
  }
}
