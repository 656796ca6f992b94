import type { DatasetRecord } from '../../core/datasets/types';

/**
 * An upload's records as columns, the form a compute worker sends them back in (server/work/tasks.ts `parseUpload`):
 * numbers in typed arrays, each text column one UTF-8 buffer with offsets. Receiving 200,000 records as objects held
 * the event loop ≈ 0.9 s (structured-clone deserialisation); these columns arrive in milliseconds, and the store reads
 * each record from them only as it appends it, between turns of the event loop (server/datasets/store.ts).
 */
export interface PackedRecords {
  n: number;
  row: Int32Array;
  lng: Float64Array;
  lat: Float64Array;
  /** NaN where `valueNull` is 1. */
  value: Float64Array;
  valueNull: Uint8Array;
  /** Text columns: `routeIds`, `geometry` and `props` as JSON text; null kept apart from "". */
  text: Record<'id' | 'name' | 'mode' | 'routeIds' | 'geometry' | 'props', PackedText>;
}

interface PackedText { bytes: Uint8Array; offsets: Int32Array; nulls: Uint8Array | null }

function packText(n: number, at: (k: number) => string | null): PackedText {
  const offsets = new Int32Array(n + 1);
  const parts: string[] = new Array(n);
  let nulls: Uint8Array | null = null;
  let o = 0;
  for (let k = 0; k < n; k++) {
    const s = at(k);
    if (s === null) (nulls ??= new Uint8Array(n))[k] = 1;
    parts[k] = s ?? '';
    offsets[k] = o;
    o += parts[k].length; // UTF-16 code units of the joined text
  }
  offsets[n] = o;
  return { bytes: new TextEncoder().encode(parts.join('')), offsets, nulls };
}

/** Records → columns (in the worker that parsed them). */
export function packRecords(records: readonly DatasetRecord[]): PackedRecords {
  const n = records.length;
  const value = new Float64Array(n), valueNull = new Uint8Array(n);
  records.forEach((r, k) => { if (r.value === null || r.value === undefined) { valueNull[k] = 1; value[k] = NaN; } else value[k] = r.value; });
  return {
    n, row: Int32Array.from(records, (r) => r.row), lng: Float64Array.from(records, (r) => r.lng), lat: Float64Array.from(records, (r) => r.lat),
    value, valueNull,
    text: {
      id: packText(n, (k) => records[k].id),
      name: packText(n, (k) => records[k].name),
      mode: packText(n, (k) => records[k].mode ?? null),
      routeIds: packText(n, (k) => (records[k].routeIds ? JSON.stringify(records[k].routeIds) : null)),
      geometry: packText(n, (k) => (records[k].geometry ? JSON.stringify(records[k].geometry) : null)),
      props: packText(n, (k) => JSON.stringify(records[k].props)),
    },
  };
}

/** Records read one at a time: an array of them, or {@link PackedRecords} (see {@link recordList}). */
export interface RecordList {
  readonly length: number;
  get(k: number): DatasetRecord;
  lng(k: number): number;
  lat(k: number): number;
}

/** A record list over an array of records, or over packed columns (each text column decoded once, records built on demand). */
export function recordList(records: readonly DatasetRecord[] | PackedRecords | RecordList): RecordList {
  if (Array.isArray(records)) {
    const rs = records as readonly DatasetRecord[];
    return { length: rs.length, get: (k) => rs[k], lng: (k) => rs[k].lng, lat: (k) => rs[k].lat };
  }
  if ('get' in records) return records;
  const p = records as PackedRecords;
  const decoder = new TextDecoder();
  const col = (t: PackedText) => {
    const all = decoder.decode(t.bytes);
    return (k: number): string | null => (t.nulls?.[k] ? null : all.slice(t.offsets[k], t.offsets[k + 1]));
  };
  const id = col(p.text.id), name = col(p.text.name), mode = col(p.text.mode), routeIds = col(p.text.routeIds),
    geometry = col(p.text.geometry), props = col(p.text.props);
  return {
    length: p.n,
    lng: (k) => p.lng[k],
    lat: (k) => p.lat[k],
    get: (k) => {
      const r: DatasetRecord = { row: p.row[k], id: id(k)!, lng: p.lng[k], lat: p.lat[k], value: p.valueNull[k] ? null : p.value[k], name: name(k),
        geometry: JSON.parse(geometry(k) ?? 'null'), props: JSON.parse(props(k)!) };
      const m = mode(k), ro = routeIds(k);
      if (m !== null) r.mode = m as DatasetRecord['mode'];
      if (ro !== null) r.routeIds = JSON.parse(ro);
      return r;
    },
  };
}
