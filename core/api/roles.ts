/**
 * Roles, cumulative on viewer (issue 11 item 2): `viewer` reads everything and runs compute-only POSTs (score,
 * coverage, standards check, sizing); `analyst` = viewer + scenarios, optimisation, dataset imports, model refits;
 * `designer` = viewer + plans and versions (and saved sites); `admin` = everything, plus users and roles.
 * Analyst and designer sit side by side: neither includes the other. Used by the server's guard and by the UI,
 * which hides what a role cannot do.
 */
export const ROLES = ['viewer', 'analyst', 'designer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** True when a caller with role `have` may use a route that needs `need`. */
export function roleAllows(have: Role, need: Role): boolean {
  return have === need || have === 'admin' || need === 'viewer';
}

/** The signed-in caller as `GET /api/auth/me` reports it. */
export interface SessionUser { id: string; email: string; role: Role }

/** `GET /api/auth/me`: `accounts` (sign-in required) or `single-user` (loopback, no login; the caller acts as admin). */
export interface MeResponse { mode: 'accounts' | 'single-user'; user: SessionUser; csrfToken: string | null }
