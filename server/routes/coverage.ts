import { Hono, type TypedResponse } from 'hono';
import { z } from 'zod';
import type { AppContext } from '../services';
import { validate } from '../validate';
import { validateJsonInPool } from './validateInPool';
import { operation } from './operation';
import { chunkedBody } from '../http/chunkedBody';
import { coverageCompareRequest, coverageDetailRequest, coverageRequest, type CoverageCompareResponse, type CoverageDetailResponse, type CoverageResponse } from '../../core/api/coverage';
import { prepareCoverage, prepareCoverageCompare, prepareCoverageDetail } from '../coverage/service';
import { currentUser } from '../auth/middleware';
import { resolveNetwork } from '../coverage/network';
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
    .post('/coverage', operation({ role: 'viewer', tag: 'coverage', summary: 'Population coverage of a network at radii (per borough / county)' }), validateJsonInPool(ctx, 'coverageRequest', coverageRequest), async (c) => {
      // nationwide the radii and per-county rows held the event loop 0.4–0.6 s: computed in a worker thread
      const input = await prepareCoverage(ctx.services, c.req.valid('json'));
      const json = await ctx.services.compute.runJson(input.req.mode === 'walk' ? 'coverageWalk' : 'coverage', input,
        { user: currentUser(c).id, signal: c.req.raw.signal });
      return c.body(chunkedBody(json), 200, { 'content-type': 'application/json; charset=utf-8' }) as unknown as TypedResponse<CoverageResponse, 200, 'json'>;
    })
    .post('/coverage/detail', operation({ role: 'viewer', tag: 'coverage', summary: 'Catchments, gap hexagons and 2SFCA of one network' }), validateJsonInPool(ctx, 'coverageDetailRequest', coverageDetailRequest), async (c) => {
      // the catchments, gap map and Huff totals take seconds nationwide: computed in a worker thread (server/work),
      // stopped at the pool's deadline or when the client goes away
      const input = await prepareCoverageDetail(ctx.services, c.req.valid('json'));
      const json = await ctx.services.compute.runJson('coverageDetail', input, { user: currentUser(c).id, signal: c.req.raw.signal });
      // the worker's JSON bytes are sent as they are; typed as the JSON they hold for the client (hc<AppType>)
      return c.body(chunkedBody(json), 200, { 'content-type': 'application/json; charset=utf-8' }) as unknown as
        TypedResponse<CoverageDetailResponse, 200, 'json'>;
    })
    .post('/coverage/compare', operation({ role: 'viewer', tag: 'coverage', summary: 'Compare two networks or scenarios (gained/lost hexagons)' }), validateJsonInPool(ctx, 'coverageCompareRequest', coverageCompareRequest), async (c) => {
      // two networks' distances, Huff totals and the difference map take seconds nationwide: in a worker thread, as the detail
      const input = await prepareCoverageCompare(ctx.services, c.req.valid('json'));
      const json = await ctx.services.compute.runJson('coverageCompare', input, { user: currentUser(c).id, signal: c.req.raw.signal });
      return c.body(chunkedBody(json), 200, { 'content-type': 'application/json; charset=utf-8' }) as unknown as
        TypedResponse<CoverageCompareResponse, 200, 'json'>;
    })
    .post('/coverage/walk', operation({ role: 'viewer', tag: 'coverage', summary: 'Walk-time catchments of points and/or a network inside the Midtown OSM extract' }), validate('json', walkCatchmentRequest), async (c) => {
      const req = c.req.valid('json');
      const geo = await ctx.services.geo();
      const points = [...req.points];
      if (req.network || req.ownNetwork) {
        const net = await resolveNetwork(geo, ctx.services, req.network, req.ownNetwork);
        net.id.forEach((id, k) => points.push({ id, lng: net.lng[k], lat: net.lat[k] }));
      }
      // one shortest-path search per point (500 points: 15–22 s): in a worker thread, stopped at the deadline or on disconnect
      const catchments = await ctx.services.compute.run('walkCatchments', { points, minutes: req.minutes, speedKmh: req.speedKmh },
        { user: currentUser(c).id, signal: c.req.raw.signal });
      return c.json({ catchments, params: { minutes: req.minutes, speedKmh: req.speedKmh, network: req.network ?? null,
        ownNetwork: req.ownNetwork ?? null, note: 'Walk network only inside the Midtown OSM extract; points outside it are not routable (routable: false).' } });
    });
}
