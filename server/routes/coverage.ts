import { Hono } from 'hono';
import { z } from 'zod';
import type { AppContext } from '../services';
import { validate } from '../validate';
import { operation } from './operation';
import { coverageCompareRequest, coverageDetailRequest, coverageRequest } from '../../core/api/coverage';
import { computeCoverage, computeCoverageCompare, computeCoverageDetail } from '../coverage/service';
import { resolveNetwork } from '../coverage/network';
import { walkCatchments } from '../walk/walkService';
import { networkRef, ownNetworkId } from '../../core/api/coverage';

/** `POST /api/coverage/walk` body: walk-time catchments of points and/or a network's outlets inside Midtown. */
const walkCatchmentRequest = z.object({
  points: z.array(z.object({ id: z.string().min(1).max(64), lng: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) }).strict()).max(500).default([]),
  network: networkRef.optional(),
  ownNetwork: ownNetworkId.optional(),
  minutes: z.number().positive().max(30).default(10),
  speedKmh: z.number().min(1).max(10).default(4.8),
}).strict();

/**
 * Network coverage (issue 3): `POST /coverage` (covered population per radius and area), `POST /coverage/detail`
 * (catchments, gap map, 2SFCA), `POST /coverage/compare` (A vs B with gained/lost hexes), `POST /coverage/walk`
 * (walk-time catchments inside the Midtown extract). Contracts: core/api/coverage.ts.
 */
export function coverageRoutes(ctx: AppContext) {
  return new Hono()
    .post('/coverage', operation({ role: 'viewer', tag: 'coverage', summary: 'Population coverage of a network at radii (per borough / county)' }), validate('json', coverageRequest), async (c) => c.json(await computeCoverage(ctx.services, c.req.valid('json'))))
    .post('/coverage/detail', operation({ role: 'viewer', tag: 'coverage', summary: 'Catchments, gap hexagons and 2SFCA of one network' }), validate('json', coverageDetailRequest), async (c) => c.json(await computeCoverageDetail(ctx.services, c.req.valid('json'))))
    .post('/coverage/compare', operation({ role: 'viewer', tag: 'coverage', summary: 'Compare two networks or scenarios (gained/lost hexagons)' }), validate('json', coverageCompareRequest), async (c) => c.json(await computeCoverageCompare(ctx.services, c.req.valid('json'))))
    .post('/coverage/walk', operation({ role: 'viewer', tag: 'coverage', summary: 'Walk-time catchments of points and/or a network inside the Midtown OSM extract' }), validate('json', walkCatchmentRequest), async (c) => {
      const req = c.req.valid('json');
      const geo = await ctx.services.geo();
      const points = [...req.points];
      if (req.network || req.ownNetwork) {
        const net = await resolveNetwork(geo, ctx.services, req.network, req.ownNetwork);
        net.id.forEach((id, k) => points.push({ id, lng: net.lng[k], lat: net.lat[k] }));
      }
      const catchments = await walkCatchments(ctx.services.walkGraph, geo, points, req.minutes, req.speedKmh);
      return c.json({ catchments, params: { minutes: req.minutes, speedKmh: req.speedKmh, network: req.network ?? null,
        ownNetwork: req.ownNetwork ?? null, note: 'Walk network only inside the Midtown OSM extract; points outside it are not routable (routable: false).' } });
    });
}
