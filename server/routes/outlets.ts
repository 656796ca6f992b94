import { Hono } from 'hono';
import type { AppContext } from '../services';
import { validate } from '../validate';
import { operation } from './operation';
import { resolveOwnNetwork } from '../../core/network/ownNetwork';
import { outletsQuery, outletsResponseSchema, type Outlet } from '../../core/api/sites';
import { inBox } from '../../core/geo/pointIndex';
import { nextTurn } from '../eventLoop';
import { pacedJson } from '../http/pacedJson';

/** Outlets built into answer objects between two turns of the event loop. */
const OUTLETS_PER_TURN = 5_000;

/**
 * `GET /outlets?bbox=w,s,e,n&network=&limit=` — FDIC SOD 2023 branches with valid coordinates inside the bbox
 * (spatial index range query), each with `own` = it belongs to `network` (`cert:<CERT>` / `hc:<RSSDHCR>`).
 * An unknown network is a 400 naming `network`.
 */
export function outletsRoutes(ctx: AppContext) {
  return new Hono()
    .get('/outlets', operation({ role: 'viewer', tag: 'sites', response: outletsResponseSchema,
      summary: 'FDIC SOD 2023 branches inside a bbox, flagged own for a network' }),
      validate('query', outletsQuery), async (c) => {
      const { bbox, network, limit } = c.req.valid('query');
      const geo = await ctx.services.geo();
      const br = geo.branches;
      const own = network ? resolveOwnNetwork(br, network, 'network').own : null;
      const ids = inBox(br.index, bbox[0], bbox[1], bbox[2], bbox[3]);
      const truncated = ids.length > limit;
      const n = Math.min(ids.length, limit);
      const outlets: Outlet[] = new Array(n);
      for (let i = 0; i < n; i++) {
        // the country's 20,000 outlets as objects, then their JSON (pacedJson), held the event loop 70–110 ms in one piece
        if (i > 0 && i % OUTLETS_PER_TURN === 0) await nextTurn();
        const k = ids[i];
        outlets[i] = {
          branchId: br.branchId[k], cert: br.cert[k], rssdhcr: br.rssdhcr[k], institutionName: br.institutionName[k],
          holdingCompany: br.holdingCompany[k], branchName: br.branchName[k], address: br.address[k], city: br.city[k], state: br.state[k],
          depositsK: br.depositsK[k], serviceType: br.serviceType[k], isMainOffice: br.isMainOffice[k] === 1,
          lng: br.lng[k], lat: br.lat[k], own: own ? own[k] === 1 : false,
        };
      }
      return pacedJson(c, { bbox, network: network ?? null, count: outlets.length, truncated, outlets });
    });
}
