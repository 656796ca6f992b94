import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { AreaSpec, NetworkRef } from '../../core/api/coverage';
import { postCoverage, postWalkCatchments } from '../api/coverage';
import type { Institution } from '../api/sites';
import type { CompareMapsHandle } from './CompareMaps';
import { MIDTOWN_BBOX, RADII_M } from './coverageArea';
import { walkFeatures } from './mapSides';
import { WALK_MINUTES, type WalkView } from './TodaySummary';

type Shapes = Feature<Polygon | MultiPolygon>[];

export interface WalkCoverage {
  walk: WalkView;
  /** Switch walk mode (the maps move to the Midtown extract and back) or change its minutes. */
  setWalk: (on: boolean, minutes: number) => void;
  /** The walk layers of maps A and B (undefined while walk mode is off). */
  walkFc: (FeatureCollection<Polygon | MultiPolygon> | undefined)[];
}

/**
 * "Walk (Midtown only)": walk-time coverage of the extract's block groups (today's network, fetched once per network)
 * and the walk catchments of each map's network (today, or the scenario with its added sites) inside the extract.
 */
export function useWalkCoverage({ own, area, areaBounds, leftId, rightId, compareKey, netRef, mapsRef }: {
  own: Institution | null;
  /** The study area and its map bounds (walk mode returns to them). */
  area: AreaSpec;
  areaBounds: [number, number, number, number];
  leftId: string;
  rightId: string;
  compareKey: string;
  netRef: (id: string) => { network: NetworkRef; ownNetwork?: string };
  mapsRef: RefObject<CompareMapsHandle | null>;
}): WalkCoverage {
  const [walk, setWalkState] = useState<WalkView>({ on: false, minutes: 10, coverage: null, catchments: null, error: null });
  const [walkShapes, setWalkShapes] = useState<[Shapes, Shapes]>([[], []]);
  const walkCovOwner = useRef<string | null>(null);

  useEffect(() => {
    if (!own) return;
    setWalkState((w) => ({ ...w, coverage: null, catchments: null, error: null }));
    setWalkShapes([[], []]);
  }, [own]);

  useEffect(() => {
    if (!own || !walk.on) {
      setWalkShapes([[], []]);
      return;
    }
    const ctl = new AbortController();
    setWalkState((w) => ({ ...w, catchments: null, error: null }));
    const shapesOf = (id: string) =>
      postWalkCatchments({ ...netRef(id), minutes: walk.minutes }, ctl.signal).then((res) =>
        res.catchments.filter((c) => c.routable && c.isochrone).map((c) => ({ ...c.isochrone!, properties: { id: c.id, population: c.population } })));
    const a = shapesOf(leftId);
    const b = rightId === leftId ? a : shapesOf(rightId);
    Promise.all([
      walk.coverage && walkCovOwner.current === `${own.id}|${JSON.stringify(area)}`
        ? Promise.resolve(walk.coverage)
        : postCoverage({ ownNetwork: own.id, radiiM: RADII_M, area, mode: 'walk', walkMinutes: [...WALK_MINUTES] }, ctl.signal).then((r) => r.walk ?? null),
      a,
      b,
    ])
      .then(([cov, sa, sb]) => {
        walkCovOwner.current = `${own.id}|${JSON.stringify(area)}`;
        setWalkShapes([sa, sb]);
        setWalkState((w) => ({ ...w, coverage: cov, catchments: [sa.length, sb.length] }));
      })
      .catch((e) => {
        if (!ctl.signal.aborted) setWalkState((w) => ({ ...w, error: String(e.message ?? e) }));
      });
    return () => ctl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [own, walk.on, walk.minutes, compareKey, netRef, area]);

  const walkFc = useMemo(
    () => (walk.on ? walkShapes.map((shapes) => walkFeatures(shapes, walk.coverage?.bbox ?? MIDTOWN_BBOX)) : [undefined, undefined]),
    [walk.on, walkShapes, walk.coverage],
  );

  return {
    walk,
    walkFc,
    setWalk: (on, minutes) => {
      if (on && !walk.on) mapsRef.current?.fitTo(walk.coverage?.bbox ?? MIDTOWN_BBOX);
      if (!on && walk.on) mapsRef.current?.fitTo(areaBounds);
      setWalkState((w) => ({ ...w, on, minutes }));
    },
  };
}
