import type { Feature } from 'geojson';
import type { DatasetStore } from '../datasets/store';
import type { AreaGeometry } from './boundaries';
import type { DatasetBoundaryLookup } from './areaResolver';

/**
 * The `{ dataset: id }` study-area lookup over the users' datasets: the polygons (Polygon / MultiPolygon records)
 * of that dataset version, named after the dataset; null (→ 404) for an unknown id. A dataset of points only has
 * no boundary: the resolver answers 400 naming the field.
 */
export function datasetBoundaryLookup(store: DatasetStore): DatasetBoundaryLookup {
  return async (id) => {
    const d = await store.get(id);
    if (!d) return null;
    const features: Feature<AreaGeometry>[] = [];
    for (const r of await store.records(id)) {
      const g = r.geometry as { type?: string } | null;
      if (g && (g.type === 'Polygon' || g.type === 'MultiPolygon')) {
        features.push({ type: 'Feature', properties: { name: r.name ?? r.id }, geometry: g as AreaGeometry });
      }
    }
    return { name: d.name, version: `${d.id}@${d.version}`, features };
  };
}
