import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { union, type Geom } from 'polyclip-ts';
import type { GapHexDto, CoverageCompareResponse } from '../../core/api/coverage';
import { formatPeople } from '../../core/coverage/kpi';
import type { RampName } from '../map/colorRamp';
import type { MapSide } from './CompareMaps';
import { diffHexFeatures, gapHexFeatures, scenarioOutletFeatures, type BaseOutlet, type ScenarioChanges } from './mapData';

/**
 * What each of the two compare maps draws (pure): title and subtitle, the scenario's outlets, the hexagon overlay
 * (A: its gap map; B: its gap map, or with "change" also the gained/lost difference hexagons) and the walk layers;
 * plus the tooltip text of a hovered feature.
 */

/** The hexagon overlay: gained/lost over the gaps, the gaps alone, or outlets only. */
export type Overlay = 'change' | 'gaps' | 'none';

const EMPTY_FC = { type: 'FeatureCollection' as const, features: [] };

type Translate = (key: string, vars?: Record<string, string | number>) => string;

/**
 * The walk layers of one map as one FeatureCollection: the union of every catchment (`kind: "union"`, what is drawn —
 * one shape per scenario however many outlets overlap, dissolved with polyclip-ts), each catchment on its own
 * (`kind: "catchment"`, not drawn: the hover counts how many hold a point) and the extract outline (`kind: "extract"`).
 * Coordinates in degrees WGS84; the union carries `catchments`, the number of catchments merged.
 */
export function walkFeatures(catchments: Feature<Polygon | MultiPolygon>[], bbox: [number, number, number, number] | null): FeatureCollection<Polygon | MultiPolygon> {
  const features: Feature<Polygon | MultiPolygon>[] = [];
  if (catchments.length) {
    const [first, ...rest] = catchments.map((f) => f.geometry.coordinates as Geom);
    features.push({ type: 'Feature', properties: { kind: 'union', catchments: catchments.length }, geometry: { type: 'MultiPolygon', coordinates: union(first, ...rest) } });
  }
  features.push(...catchments.map((f) => ({ ...f, properties: { ...(f.properties ?? {}), kind: 'catchment' } })));
  if (bbox) {
    const [w, s, e, n] = bbox;
    features.push({ type: 'Feature', properties: { kind: 'extract' }, geometry: { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] } });
  }
  return { type: 'FeatureCollection', features };
}

export interface MapSideInput {
  title: string;
  overlay: Overlay;
  /** The map radius as shown ("1 km"). */
  radiusLabel: string;
  walk: { on: boolean; minutes: number };
  outlets: BaseOutlet[];
  /** The side's scenario (null: today's network). */
  scenario: ScenarioChanges | null;
  gaps: GapHexDto[];
  walkFc: FeatureCollection<Polygon | MultiPolygon> | undefined;
  /** The Map settings colour ramp of the gap hexagons (default: Purples). */
  ramp?: RampName;
  t: Translate;
}

/** Map A: the scenario's outlets over its gap map. */
export function leftMapSide({ title, overlay, radiusLabel: r, walk, outlets, scenario, gaps, walkFc, ramp, t }: MapSideInput): MapSide {
  return {
    title,
    subtitle: walk.on
      ? t('cov.walk.mapSub', { m: walk.minutes })
      : overlay === 'none' ? undefined : t('cov.legend.gap') + ` · ${r}`,
    outlets: scenarioOutletFeatures(outlets, scenario),
    hexes: overlay === 'none' ? EMPTY_FC : gapHexFeatures(gaps, ramp),
    walk: walkFc,
  };
}

/** Map B: the scenario's outlets over its gap map, with "change" also the hexagons gained and lost against A. */
export function rightMapSide(i: MapSideInput & { diffHexes: CoverageCompareResponse['diffHexes'] }): MapSide {
  const { title, overlay, radiusLabel: r, walk, outlets, scenario, gaps, walkFc, ramp, t } = i;
  return {
    title,
    subtitle: walk.on ? t('cov.walk.mapSub', { m: walk.minutes })
      : overlay === 'none' ? undefined : overlay === 'gaps' ? t('cov.legend.gap') + ` · ${r}` : `${t('cov.overlay.change')} · ${r}`,
    outlets: scenarioOutletFeatures(outlets, scenario),
    hexes:
      overlay === 'none'
        ? EMPTY_FC
        : overlay === 'gaps'
          ? gapHexFeatures(gaps, ramp)
          : { type: 'FeatureCollection' as const, features: [...gapHexFeatures(gaps, ramp).features, ...diffHexFeatures(i.diffHexes).features] },
    walk: walkFc,
  };
}

/**
 * Tooltip of a hovered feature: an outlet (own outlets of a scenario add "click to close"), a walk catchment, or a
 * hexagon with the residents it leaves uncovered, gains or loses at the map radius.
 */
export function describeMapFeature(layer: 'outlet' | 'hex' | 'walk', p: Record<string, unknown>, c: {
  t: Translate; locale: 'en' | 'zh'; radiusLabel: string; walkMinutes: number;
  /** Map B shows a scenario (its own outlets can be closed by a click). */
  scenarioOnRight: boolean;
}): string {
  const { t, radiusLabel: r } = c;
  if (layer === 'outlet') {
    const kind = String(p.kind);
    const what = kind === 'added' ? t('cov.legend.added') : kind === 'closed' ? t('cov.legend.closed') : t('cov.legend.own');
    return `${what}: ${p.name || p.id}${kind === 'own' && c.scenarioOnRight ? ` — ${t('cov.clickToClose')}` : ''}`;
  }
  if (layer === 'walk') return t('cov.tip.walk', { m: c.walkMinutes, n: Number(p.count) });
  const n = formatPeople(Math.abs(Number(p.value)), c.locale);
  return p.kind === 'gap' ? t('cov.tip.gap', { n, r }) : p.kind === 'gained' ? t('cov.tip.gained', { n, r }) : t('cov.tip.lost', { n, r });
}
