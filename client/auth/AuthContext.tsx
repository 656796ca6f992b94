import { createContext, useContext, type ReactNode } from 'react';
import { roleAllows, type MeResponse, type Role } from '../../core/api/roles';
import { useI18n } from '../i18n/i18n';

/** What a view needs to know about the caller: may they do X, and if not, why (in the UI language). */
export interface Permissions {
  me: MeResponse | null;
  /** True when the caller's role includes `need` (always true in single-user mode). */
  can: (need: Role) => boolean;
  /** Why the caller cannot do something needing `need` ('' when they can). */
  why: (need: Role) => string;
  /**
   * Props for a button whose action needs `need`: disabled (also when `disabled` is true) with a tooltip naming the role
   * needed when the caller's role does not include it; otherwise `title` as given. Spread them: `<button {...gate('designer', busy)}>`.
   */
  gate: (need: Role, disabled?: boolean, title?: string) => { disabled: boolean; title?: string; 'data-needs-role'?: Role };
}

const Ctx = createContext<MeResponse | null>(null);

export function AuthProvider({ me, children }: { me: MeResponse | null; children: ReactNode }) {
  return <Ctx.Provider value={me}>{children}</Ctx.Provider>;
}

/**
 * The caller's permissions. Outside an AuthProvider (unit tests of single views) everything is allowed, as in
 * single-user mode; the server enforces roles anyway.
 */
export function usePermissions(): Permissions {
  const me = useContext(Ctx);
  const { t } = useI18n();
  const can = (need: Role) => !me || roleAllows(me.user.role, need);
  const why = (need: Role) => (can(need) ? '' : t('auth.needsRole', { role: t(`auth.role.${need}`), yours: t(`auth.role.${me!.user.role}`) }));
  return {
    me,
    can,
    why,
    gate: (need, disabled = false, title) => (can(need) ? { disabled, ...(title !== undefined ? { title } : {}) }
      : { disabled: true, title: why(need), 'data-needs-role': need }),
  };
}
