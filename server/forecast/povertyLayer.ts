import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors';
import { BasemapService } from '../geo/basemap';

/** NYC DOHMH EHDP indicator 103 "neighborhood poverty" (nyc-geographies-ehdp/SOURCE.md). */
export const POVERTY_FILE = 'nyc-geographies-ehdp/indicator_103_neighborhood_poverty.json';
const NTA_FILE = 'nyc-geographies-ehdp/NTA2020.topo.json';
/** MeasureID 221 = "Poverty, Percent"; TimePeriodID 300 = ACS 2017-21 five-year estimates. */
const MEASURE_PERCENT = 221;
const PERIOD_2017_21 = 300;

/** The share of residents below the federal poverty line per NTA, and a point lookup. */
export interface PovertyLayer {
  /** NTACode (e.g. `BX0101`) → share 0–1. */
  byNta: Map<string, number>;
  /** Median share over the NTAs that have one (the fallback for a point outside them). */
  medianShare: number;
  /** Period of the estimates. */
  period: string;
  /** Share at a point: its NTA's, or null outside every NTA with a value. */
  at(lng: number, lat: number): number | null;
}

function readJson(dataDir: string, rel: string): unknown {
  const file = path.join(dataDir, rel);
  if (!fs.existsSync(file)) throw new AppError(500, 'data_missing', `Data file missing: ${rel} (check DATA_DIR)`, { file: rel });
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new AppError(500, 'data_invalid', `Not valid JSON: ${rel}: ${(err as Error).message}`, { file: rel });
  }
}

/**
 * Load the NTA2020 poverty shares (ACS 2017-21, "% of people below the federal poverty level", EHDP indicator 103,
 * MeasureID 221): the indicator's GeoID is the NTA's GEOCODE, mapped to its NTACode through the NTA2020 TopoJSON's
 * properties. 197 residential NTAs carry a value; parks, airports and cemeteries do not.
 * @throws AppError 500 naming the file when a file is missing or not in the documented shape.
 */
export function loadPovertyLayer(dataDir: string, nta: Pick<BasemapService, 'ntaAt'> = new BasemapService(dataDir)): PovertyLayer {
  const ind = readJson(dataDir, POVERTY_FILE) as Record<string, unknown[]>;
  for (const k of ['MeasureID', 'GeoID', 'GeoType', 'TimePeriodID', 'Value']) {
    if (!Array.isArray(ind[k])) throw new AppError(500, 'data_invalid', `${POVERTY_FILE}: column "${k}" missing`, { file: POVERTY_FILE, field: k });
  }
  const topo = readJson(dataDir, NTA_FILE) as { objects?: { collection?: { geometries?: { properties?: { NTACode?: string; GEOCODE?: number | string } }[] } } };
  const geoms = topo.objects?.collection?.geometries;
  if (!Array.isArray(geoms)) throw new AppError(500, 'data_invalid', `${NTA_FILE}: no objects.collection.geometries`, { file: NTA_FILE });
  const codeByGeocode = new Map(geoms.map((g) => [String(g.properties?.GEOCODE), String(g.properties?.NTACode)]));
  const byNta = new Map<string, number>();
  const n = ind.GeoID.length;
  for (let i = 0; i < n; i++) {
    if (ind.GeoType[i] !== 'NTA2020' || Number(ind.MeasureID[i]) !== MEASURE_PERCENT || Number(ind.TimePeriodID[i]) !== PERIOD_2017_21) continue;
    const v = Number(ind.Value[i]);
    const code = codeByGeocode.get(String(ind.GeoID[i]));
    if (code && Number.isFinite(v)) byNta.set(code, v / 100);
  }
  if (byNta.size === 0) throw new AppError(500, 'data_invalid', `${POVERTY_FILE}: no NTA2020 poverty percentages for 2017-21`, { file: POVERTY_FILE });
  const shares = [...byNta.values()].sort((a, b) => a - b);
  const m = shares.length >> 1;
  const medianShare = shares.length % 2 ? shares[m] : (shares[m - 1] + shares[m]) / 2;
  return {
    byNta, medianShare, period: 'ACS 2017-21',
    at(lng, lat) {
      const area = nta.ntaAt(lng, lat);
      return area ? byNta.get(area.code) ?? null : null;
    },
  };
}
