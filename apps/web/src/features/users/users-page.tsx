import {
  createUserInputSchema,
  isRoleAbove,
  MIN_PASSWORD_LENGTH,
  type CreateUserInput,
  type Role,
} from "@ledgerline/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { LoadedTable } from "../../components/data-table.tsx";
import { ConfirmDialog, Dialog } from "../../components/dialog.tsx";
import { SelectField, TextField } from "../../components/field.tsx";
import { DialogForm } from "../../components/form-layout.tsx";
import { EmptyState } from "../../components/list.tsx";
import { useNotify } from "../../components/notices.tsx";
import { Badge, PageHeader } from "../../components/page-header.tsx";
import { RoleOptions } from "../../components/role-options.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import { useTRPC, type RouterOutputs } from "../../lib/trpc.ts";
import { useSchemaForm } from "../../lib/use-form.ts";
import { useSession } from "../auth/session.tsx";

type User = RouterOutputs["users"]["list"][number];

type PendingChange =
  { kind: "role"; user: User; role: Role } | { kind: "active"; user: User; active: boolean };

/** Admin and finance: people who can sign in, their roles, and who may no longer. */
export function UsersPage() {
  const { t, dateTime } = useI18n();
  const session = useSession();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const users = useQuery(trpc.users.list.queryOptions());
  const [creating, setCreating] = useState(false);
  const [pending, setPending] = useState<PendingChange | null>(null);

  // People cannot change their own role or lock themselves out.
  const isSelf = (user: User) => user.id === session.user?.id;
  // Nobody changes or deactivates someone above them (finance does not manage admins).
  const isAboveMe = (user: User) => isRoleAbove(user.role, session.role);

  const refresh = () => queryClient.invalidateQueries(trpc.users.pathFilter());
  const changeRole = useMutation(trpc.users.changeRole.mutationOptions());
  const setActive = useMutation(trpc.users.setActive.mutationOptions());
  const busy = changeRole.isPending || setActive.isPending;
  const changeError = changeRole.error ?? setActive.error;

  const closePending = () => {
    setPending(null);
    changeRole.reset();
    setActive.reset();
  };

  const confirmPending = async () => {
    if (!pending) return;
    try {
      if (pending.kind === "role") {
        await changeRole.mutateAsync({ id: pending.user.id, role: pending.role });
        notify(
          "success",
          t("users.roleChanged", { name: pending.user.name, role: t(`role.${pending.role}`) }),
        );
      } else {
        await setActive.mutateAsync({ id: pending.user.id, active: pending.active });
        notify(
          "success",
          t(pending.active ? "users.activated" : "users.deactivated", { name: pending.user.name }),
        );
      }
      await refresh();
      closePending();
    } catch {
      // The dialog shows the refusal (such as "the last active administrator").
    }
  };

  return (
    <>
      <PageHeader
        title={t("users.title")}
        description={t("users.description")}
        actions={
          <button
            type="button"
            className="button button--primary"
            onClick={() => setCreating(true)}
          >
            {t("users.new")}
          </button>
        }
      />
      <section className="panel">
        <LoadedTable
          query={users}
          skeleton={{ columns: 6, rows: 5 }}
          empty={<EmptyState title={t("users.empty")} />}
          caption={t("users.title")}
          rowClassName={(user) => (user.active ? undefined : "row--muted")}
          columns={[
            {
              header: t("field.name"),
              cell: (user) => (
                <>
                  <span className="table__primary-text">{user.name}</span>
                  {isSelf(user) ? <Badge tone="info">{t("users.you")}</Badge> : null}
                </>
              ),
            },
            {
              header: t("field.email"),
              cellClassName: "cell--truncate",
              cell: (user) => user.email,
            },
            {
              header: t("users.role"),
              cell: (user) => (
                <RoleSelect
                  user={user}
                  upTo={isAboveMe(user) ? undefined : session.role}
                  disabled={isSelf(user) || !user.active || isAboveMe(user)}
                  onChange={(role) => setPending({ kind: "role", user, role })}
                />
              ),
            },
            {
              header: t("users.status"),
              cell: (user) =>
                user.active ? (
                  <Badge tone="success">{t("users.active")}</Badge>
                ) : (
                  <Badge>{t("users.inactive")}</Badge>
                ),
            },
            {
              header: t("users.lastSignIn"),
              cellClassName: "cell--numeric",
              cell: (user) =>
                user.lastSignInAt ? (
                  dateTime(user.lastSignInAt)
                ) : (
                  <span className="muted">{t("users.never")}</span>
                ),
            },
            {
              header: t("list.actions"),
              hideHeader: true,
              align: "end",
              cellClassName: "cell--end",
              cell: (user) =>
                isSelf(user) || isAboveMe(user) ? null : (
                  <button
                    type="button"
                    className={`button button--small ${user.active ? "button--ghost-danger" : ""}`}
                    onClick={() => setPending({ kind: "active", user, active: !user.active })}
                  >
                    {user.active ? t("users.deactivate") : t("users.activate")}
                    <span className="visually-hidden"> {user.name}</span>
                  </button>
                ),
            },
          ]}
        />
      </section>

      <CreateUserDialog open={creating} onClose={() => setCreating(false)} />

      <ConfirmDialog
        open={pending !== null}
        title={
          pending?.kind === "role"
            ? t("users.changeRoleTitle", { name: pending.user.name })
            : pending?.active
              ? t("users.activateTitle", { name: pending.user.name })
              : t("users.deactivateTitle", { name: pending?.user.name ?? "" })
        }
        confirmLabel={
          pending?.kind === "role"
            ? t("users.changeRole")
            : pending?.active
              ? t("users.activate")
              : t("users.deactivate")
        }
        tone={pending?.kind === "active" && !pending.active ? "danger" : "primary"}
        busy={busy}
        error={changeError ? describeError(changeError, t) : null}
        onClose={closePending}
        onConfirm={() => void confirmPending()}
      >
        {pending?.kind === "role" ? (
          <p>
            {t("users.changeRoleText", {
              from: t(`role.${pending.user.role}`),
              to: t(`role.${pending.role}`),
            })}
          </p>
        ) : pending?.active ? (
          <p>{t("users.activateText")}</p>
        ) : (
          <p>{t("users.deactivateText")}</p>
        )}
      </ConfirmDialog>
    </>
  );
}

function RoleSelect({
  user,
  upTo,
  disabled,
  onChange,
}: {
  user: User;
  /** The highest role offered: the signed-in person's own (undefined shows all, read-only). */
  upTo: Role | undefined;
  disabled: boolean;
  onChange: (role: Role) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  return (
    <>
      <label htmlFor={id} className="visually-hidden">
        {t("users.roleOf", { name: user.name })}
      </label>
      <select
        id={id}
        className="input input--select input--compact"
        value={user.role}
        disabled={disabled}
        onChange={(event) => onChange(event.target.value as Role)}
      >
        <RoleOptions upTo={upTo} />
      </select>
    </>
  );
}

const newUserValues = (): CreateUserInput => ({
  name: "",
  email: "",
  role: "team_member",
  password: "",
});
const toCreateUserInput = (values: CreateUserInput): CreateUserInput => values;

function CreateUserDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Dialog open={open} onClose={onClose} title={t("users.new")}>
      {open ? <CreateUserForm onDone={onClose} /> : null}
    </Dialog>
  );
}

function CreateUserForm({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const { role } = useSession();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const form = useSchemaForm({
    initialValues: newUserValues(),
    schema: createUserInputSchema,
    toInput: toCreateUserInput,
  });
  const create = useMutation(
    trpc.users.create.mutationOptions({
      onSuccess: async (user) => {
        await queryClient.invalidateQueries(trpc.users.pathFilter());
        notify("success", t("users.created", { name: user.name }));
        onDone();
      },
      onError: (error) => form.showServerErrors(error),
    }),
  );
  return (
    <DialogForm
      onSubmit={form.handleSubmit((input) => create.mutate(input))}
      error={create.error}
      busy={create.isPending}
      submitLabel={t("users.create")}
      onCancel={onDone}
    >
      <TextField
        label={t("field.name")}
        required
        autoFocus
        data-autofocus
        {...form.fieldProps("name")}
      />
      <TextField
        label={t("field.email")}
        type="email"
        autoComplete="off"
        required
        {...form.fieldProps("email")}
      />
      <SelectField label={t("users.role")} required {...form.fieldProps("role")}>
        <RoleOptions upTo={role} />
      </SelectField>
      <TextField
        label={t("users.initialPassword")}
        hint={t("users.initialPasswordHint", { min: MIN_PASSWORD_LENGTH })}
        type="text"
        autoComplete="new-password"
        spellCheck={false}
        required
        {...form.fieldProps("password")}
      />
    </DialogForm>
  );
}
