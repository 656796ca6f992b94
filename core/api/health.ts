import { z } from 'zod';
import { userDatasetSchema } from './datasets';

/** `GET /api/health`: is the server up and is the data imported. */
export const healthResponse = z.object({
  ok: z.boolean(),
  /** Rows in the `datasets` catalog (0 when nothing is imported). */
  datasets: z.number().int(),
  /** GTFS service date (YYYY-MM-DD) the transit departures were counted for. */
  serviceDate: z.string(),
});
export type HealthResponse = z.infer<typeof healthResponse>;

/** One row of the `datasets` catalog. */
export const datasetRow = z.object({
  id: z.string(),
  source: z.string(),
  /** Main file, relative to DATA_DIR. */
  file: z.string(),
  sha256: z.string(),
  bytes: z.number(),
  rowCount: z.number(),
  vintage: z.string(),
  /** ISO timestamp (UTC) of the import. */
  importedAt: z.string(),
  /** Every file of the dataset with its sha256 and bytes, the import fingerprint, schema version, service date, feed facts. */
  details: z.record(z.string(), z.unknown()),
});
export type DatasetRow = z.infer<typeof datasetRow>;

/** One row of `transit_feeds`. */
export const transitFeedRow = z.object({
  feed: z.string(),
  mode: z.enum(['subway', 'bus', 'rail', 'ferry']),
  scheduled: z.boolean(),
  calendarStart: z.string().nullable(),
  calendarEnd: z.string().nullable(),
  serviceDate: z.string(),
  stopCount: z.number(),
  departures: z.number(),
});
export type TransitFeedRow = z.infer<typeof transitFeedRow>;

/** `GET /api/datasets`: the import catalog, the transit feeds and the users' own datasets (every version). */
export const datasetsResponse = z.object({ datasets: z.array(datasetRow), transitFeeds: z.array(transitFeedRow), userDatasets: z.array(userDatasetSchema) });
export type DatasetsResponse = z.infer<typeof datasetsResponse>;
