import type { ScoredSite } from '../api/sites';

/** A hand-made scored site for client unit tests (values are arbitrary but self-consistent: score = Σ contribution). */
export function makeSite(id: string, rank: number, norm: { transit: number; demand: number; competition: number }, lng = -73.98, lat = 40.75): ScoredSite {
  const w = { transit: 0.3, demand: 0.4, competition: 0.3 };
  const score = w.transit * norm.transit + w.demand * norm.demand + w.competition * norm.competition;
  return {
    id, lng, lat, score, rank,
    place: { countyFips: '36061', county: 'New York, New York', borough: 'Manhattan', neighbourhood: 'Midtown-Times Square' },
    warnings: [],
    factors: {
      transit: { raw: 1000, normalized: norm.transit, weight: w.transit, contribution: w.transit * norm.transit, scored: true,
        departuresWithinRadius: 1200, imputedDepartures: 200, stopsWithinRadius: 4, routesWithinRadius: 6,
        nearestStopM: 120.5, nearestStopId: 'subway:127', nearestStopMode: 'subway' as const },
      demand: { raw: 5000, normalized: norm.demand, weight: w.demand, contribution: w.demand * norm.demand, scored: true,
        populationWithin500m: 3000, populationWithin1000m: 12000, populationWithin2000m: 40000 },
      competition: { raw: 900, normalized: norm.competition, weight: w.competition, contribution: w.competition * norm.competition, scored: true,
        competitorsWithin500m: 2, competitorsWithin1000m: 7, nearestCompetitorM: 210, huffShare: 0.05,
        expectedCustomers: 1100, cannibalizedFromOwn: 200, netNewDemand: 900 },
    },
  };
}
