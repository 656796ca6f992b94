import { GeoJsonLayer } from '@deck.gl/layers';
import type { DatasetKind } from '../../core/datasets/types';

/** A user dataset drawn on the map: its records as GeoJSON (`GET /api/datasets/:id/features`). */
export interface ShownDataset {
  id: string;
  kind: DatasetKind;
  features: GeoJSON.FeatureCollection;
}

/** Fill colour per kind (RGBA): outlets violet, demand and jobs amber, transit teal, candidates blue, others grey. */
export const DATASET_COLORS: Record<DatasetKind, [number, number, number, number]> = {
  outlets: [123, 63, 178, 220], demand: [230, 150, 20, 170], jobs: [200, 110, 10, 170], outcomes: [40, 120, 60, 220],
  candidates: [30, 100, 200, 220], transit: [0, 140, 140, 230], boundary: [90, 90, 90, 60],
};

/** One deck.gl GeoJsonLayer per shown dataset (points as 4-px dots, polygons filled and outlined), id `dataset-<id>`. */
export function datasetLayers(shown: ShownDataset[]): GeoJsonLayer[] {
  return shown.map((d) => new GeoJsonLayer({
    id: `dataset-${d.id}`,
    data: d.features,
    pickable: false,
    stroked: true,
    filled: true,
    pointType: 'circle',
    getPointRadius: 4,
    pointRadiusUnits: 'pixels',
    getFillColor: DATASET_COLORS[d.kind],
    getLineColor: [40, 40, 40, 200],
    lineWidthMinPixels: 1,
  }));
}
