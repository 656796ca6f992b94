import type { Database } from '../db/database';
import type { ScoreResponse } from '../../core/api/sites';

/** What every score response reports about its data: the GTFS service date used and each dataset's vintage. */
export interface ScoringMetadata {
  serviceDate: string | null;
  vintage: ScoreResponse['vintage'];
}

/**
 * Service date (the latest scheduled feed's `service_date` of the import, else `fallbackServiceDate`) and dataset
 * vintages (the `datasets` catalog, by id). A database without those tables gives the fallback date and no vintages.
 */
export async function scoringMetadata(db: Database, fallbackServiceDate: string): Promise<ScoringMetadata> {
  let serviceDate: string | null = fallbackServiceDate;
  try {
    const r = await db.json<{ d: string | null }>('SELECT max(service_date)::VARCHAR AS d FROM transit_feeds WHERE scheduled');
    if (r[0]?.d) serviceDate = r[0].d;
  } catch { /* no transit import: keep the configured date */ }
  let vintage: ScoreResponse['vintage'] = [];
  try {
    vintage = (await db.json<{ id: string; source: string | null; vintage: string | null; imported_at: string | null }>(
      'SELECT id, source, vintage, imported_at::VARCHAR AS imported_at FROM datasets ORDER BY id'))
      .map((d) => ({ id: d.id, source: d.source, vintage: d.vintage, importedAt: d.imported_at }));
  } catch { /* no catalog yet */ }
  return { serviceDate, vintage };
}
