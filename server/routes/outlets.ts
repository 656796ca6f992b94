import { Hono } from 'hono';
import type { AppDeps } from '../app';
import { validate } from '../validate';
import { getGeoData } from '../geo/geoData';
import { resolveNetwork } from '../scoring/network';
import { outletsQuery, type Outlet } from '../../core/api/sites';
import { inBox } from '../../core/geo/pointIndex';

/**
 * `GET /outlets?bbox=w,s,e,n&network=&limit=` — FDIC SOD 2023 branches with valid coordinates inside the bbox
 * (spatial index range query), each with `own` = it belongs to `network` (`cert:<CERT>` / `hc:<RSSDHCR>`).
 * An unknown network is a 400 naming `network`.
 */
export function outletsRoutes(deps: AppDeps) {
  return new Hono()
    .get('/outlets', validate('query', outletsQuery), async (c) => {
      const { bbox, network, limit } = c.req.valid('query');
      const geo = await getGeoData(deps.db);
      const br = geo.branches;
      const own = network ? (await resolveNetwork(deps.db, br, network, 'network')).own : null;
      const ids = inBox(br.index, bbox[0], bbox[1], bbox[2], bbox[3]);
      const truncated = ids.length > limit;
      const outlets: Outlet[] = ids.slice(0, limit).map((k) => ({
        branchId: br.branchId[k], cert: br.cert[k], rssdhcr: br.rssdhcr[k], institutionName: br.institutionName[k],
        holdingCompany: br.holdingCompany[k], branchName: br.branchName[k], address: br.address[k], city: br.city[k], state: br.state[k],
        depositsK: br.depositsK[k], serviceType: br.serviceType[k], isMainOffice: br.isMainOffice[k] === 1,
        lng: br.lng[k], lat: br.lat[k], own: own ? own[k] === 1 : false,
      }));
      return c.json({ bbox, network: network ?? null, count: outlets.length, truncated, outlets });
    });
}
