import { Hono } from 'hono';
import type { AppContext } from '../services';
import { validate } from '../validate';
import { operation } from './operation';
import { z } from 'zod';
import { institutionSchema, institutionsQuery, type Institution } from '../../core/api/sites';
import { cachedInstitutionDisplayName } from '../../core/network/institutionName';
import { pacedJson } from '../http/pacedJson';
import { nextTurn } from '../eventLoop';

/** Institutions whose names are cased between two turns of the event loop. */
const NAMES_PER_TURN = 2_000;

/**
 * `GET /institutions?q=&limit=` — the networks a user can pick as `ownNetwork` (SITE-MODEL.md "Network identifiers"):
 * every institution (`cert:<CERT>`) and every holding company (`hc:<RSSDHCR>`, where RSSDHCR is non-empty), with the
 * FDIC name in its display spelling (core/network/institutionName.ts) and its SOD 2023 branch count (branches with valid coordinates — the one rule of
 * core/network/ownNetwork.ts, so the picker, scoring and coverage agree), largest first. `q` matches the name, holding company or id
 * (case-insensitive substring).
 */
export function institutionsRoutes(ctx: AppContext) {
  return new Hono()
    .get('/institutions', operation({ role: 'viewer', tag: 'sites', response: z.array(institutionSchema),
      summary: 'Networks to pick as ownNetwork: institutions (cert:<CERT>) and holding companies (hc:<RSSDHCR>)' }),
      validate('query', institutionsQuery), async (c) => {
      const { q, limit } = c.req.valid('query');
      // read column by column (paced: server/db/database.ts) and cased with the names the branches' load cased already
      const r = await ctx.db.columns<{ id: string[]; kind: Institution['kind'][]; name: string[]; holding_company: (string | null)[]; branches: bigint[] }>(
        `WITH nets AS (
           SELECT 'cert:' || cert AS id, 'institution' AS kind, any_value(institution_name) AS name,
                  any_value(holding_company) AS holding_company, count(*) AS branches
           FROM branches WHERE valid_coords GROUP BY cert
           UNION ALL
           SELECT 'hc:' || rssdhcr, 'holdingCompany', coalesce(any_value(holding_company), 'RSSD ' || rssdhcr),
                  any_value(holding_company), count(*)
           FROM branches WHERE valid_coords AND rssdhcr IS NOT NULL AND rssdhcr <> 0 GROUP BY rssdhcr)
         SELECT * FROM nets
         WHERE $1::VARCHAR IS NULL OR name ILIKE '%' || $1 || '%' OR holding_company ILIKE '%' || $1 || '%' OR id = $1
         ORDER BY branches DESC, name, id
         LIMIT $2`,
        [q?.trim() ? q.trim() : null, limit],
      );
      // names cased in pieces: all 20,000 a limit allows at once held the event loop ≈ 110 ms (row objects and casing)
      const body: Institution[] = [];
      for (let k = 0; k < r.id.length; k++) {
        if (k > 0 && k % NAMES_PER_TURN === 0) await nextTurn();
        const hc = r.holding_company[k];
        body.push({ id: r.id[k], kind: r.kind[k], name: cachedInstitutionDisplayName(r.name[k]),
          holdingCompany: hc == null ? null : cachedInstitutionDisplayName(hc), branches: Number(r.branches[k]) });
      }
      return pacedJson(c, body);
    });
}
