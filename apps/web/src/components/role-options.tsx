import { ROLES } from "@ledgerline/domain";
import { useI18n } from "../i18n/i18n.tsx";

/** <option>s for a role select (a user's or an API token's), in the domain's order, translated. */
export function RoleOptions() {
  const { t } = useI18n();
  return (
    <>
      {ROLES.map((role) => (
        <option key={role} value={role}>
          {t(`role.${role}`)}
        </option>
      ))}
    </>
  );
}
