import { isRoleAbove, ROLES, type Role } from "@ledgerline/domain";
import { useI18n } from "../i18n/i18n.tsx";

/**
 * <option>s for a role select (a user's or an API token's), in the domain's order, translated.
 * With `upTo`, only the roles not above it: nobody grants more than they hold, so finance is
 * never offered "admin" (the API refuses it too).
 */
export function RoleOptions({ upTo }: { upTo?: Role }) {
  const { t } = useI18n();
  return (
    <>
      {ROLES.filter((role) => !upTo || !isRoleAbove(role, upTo)).map((role) => (
        <option key={role} value={role}>
          {t(`role.${role}`)}
        </option>
      ))}
    </>
  );
}
