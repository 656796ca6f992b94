import type { ScoredSite } from '../api/sites';
import { scoredSitesToCsv, scoredSitesToGeoJson } from '../../core/scoring/scoredSiteFile';

/**
 * The Sites view's downloads: every site in the view, best first, through the one scored-site serialiser
 * (core/scoring/scoredSiteFile.ts — the same columns and rounding as `npm run score`: the study area's name and each
 * site's county / borough / neighbourhood and warnings included).
 */

/** Sites sorted by rank (1 first), without changing the input. */
function byRank(sites: readonly ScoredSite[]): ScoredSite[] {
  return [...sites].sort((a, b) => a.rank - b.rank);
}

/** Scored sites as CSV, sorted by rank (see core `scoredSitesToCsv` for the columns); `studyArea` = the area's name. */
export function sitesToCsv(sites: readonly ScoredSite[], studyArea = ''): string {
  return scoredSitesToCsv(byRank(sites), studyArea);
}

/** Scored sites as a GeoJSON FeatureCollection of points, sorted by rank (properties without lng/lat; `studyArea` on top). */
export function sitesToGeoJson(sites: readonly ScoredSite[], studyArea = '') {
  return scoredSitesToGeoJson(byRank(sites), undefined, studyArea);
}
