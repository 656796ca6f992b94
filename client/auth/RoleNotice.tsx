import type { Role } from '../../core/api/roles';
import { useI18n } from '../i18n/i18n';
import { usePermissions } from './AuthContext';

/** The role a tab's saving actions need. */
const TAB_NEEDS: Record<string, Role[]> = { sites: ['analyst', 'designer'], coverage: ['analyst'], floorplans: ['designer'] };

/**
 * One line above a view telling a signed-in user whose role cannot save in this tab what they can and cannot do
 * (the buttons that would be refused are hidden or disabled with the same reason). Nothing for roles that can.
 */
export function RoleNotice({ tab }: { tab: string }) {
  const { t } = useI18n();
  const { me, can } = usePermissions();
  const needs = TAB_NEEDS[tab] ?? [];
  if (!me || needs.every((r) => can(r))) return null;
  return (
    <div className="role-notice" role="note" data-testid="role-notice">
      {t('auth.readOnly', { role: t(`auth.role.${me.user.role}`), what: t(`auth.readOnly.${tab}`) })}
    </div>
  );
}
