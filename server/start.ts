/**
 * `npm start`: build the client if its sources changed since the last build (server/buildClient.ts), then run the
 * server (server/main.ts) — in this one Node process, which the npm script `exec`s, so a SIGTERM or SIGINT sent to
 * npm (forwarded to its child) or to this process reaches the server's handler and frees the port and the database.
 */
import { buildClientIfStale } from './buildClient';

const r = await buildClientIfStale();
console.log(r.built ? `Client built into dist/ in ${(r.ms / 1000).toFixed(1)} s` : 'Client in dist/ is current');
await import('./main');
