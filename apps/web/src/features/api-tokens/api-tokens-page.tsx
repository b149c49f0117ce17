import {
  createApiTokenInputSchema,
  type CreateApiTokenInput,
  type Locale,
  type Role,
} from "@ledgerline/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState } from "react";
import { Alert } from "../../components/alert.tsx";
import { LoadedTable } from "../../components/data-table.tsx";
import { ConfirmDialog, Dialog } from "../../components/dialog.tsx";
import { SelectField, TextAreaField, TextField } from "../../components/field.tsx";
import { WholeNumberField } from "../../components/decimal-field.tsx";
import { DialogForm } from "../../components/form-layout.tsx";
import { EmptyState } from "../../components/list.tsx";
import { useNotify } from "../../components/notices.tsx";
import { Badge, PageHeader } from "../../components/page-header.tsx";
import { RoleOptions } from "../../components/role-options.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import { optionalWholeNumberOfText } from "../../lib/decimal-entry.ts";
import { useTRPC, type RouterOutputs } from "../../lib/trpc.ts";
import { useSchemaForm } from "../../lib/use-form.ts";
import { useSession } from "../auth/session.tsx";

type ApiToken = RouterOutputs["apiTokens"]["list"][number];

const hasExpired = (token: ApiToken) =>
  token.expiresAt !== null && token.expiresAt.getTime() <= Date.now();

/** Admin and finance: tokens internal programs sign in with. The secret is shown once, at creation. */
export function ApiTokensPage() {
  const { t, date, dateTime } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const tokens = useQuery(trpc.apiTokens.list.queryOptions());
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const revoke = useMutation(trpc.apiTokens.revoke.mutationOptions());

  const status = (token: ApiToken) => {
    if (token.revokedAt)
      return (
        <Badge tone="danger">{t("apiTokens.revokedOn", { date: date(token.revokedAt) })}</Badge>
      );
    if (hasExpired(token)) return <Badge>{t("apiTokens.expired")}</Badge>;
    return <Badge tone="success">{t("apiTokens.active")}</Badge>;
  };

  const newTokenButton = (
    <button type="button" className="button button--primary" onClick={() => setCreating(true)}>
      {t("apiTokens.new")}
    </button>
  );

  return (
    <>
      <PageHeader
        title={t("apiTokens.title")}
        description={t("apiTokens.description")}
        actions={newTokenButton}
      />
      <section className="panel">
        <LoadedTable
          query={tokens}
          skeleton={{ columns: 7, rows: 4 }}
          empty={
            <EmptyState
              title={t("apiTokens.empty")}
              description={t("apiTokens.emptyHint")}
              action={newTokenButton}
            />
          }
          caption={t("apiTokens.title")}
          rowClassName={(token) => (token.revokedAt ? "row--muted" : undefined)}
          columns={[
            {
              header: t("field.name"),
              cell: (token) => (
                <>
                  <span className="table__primary-text">{token.name}</span>
                  {token.note ? <span className="table__subline">{token.note}</span> : null}
                </>
              ),
            },
            {
              header: t("apiTokens.prefix"),
              cell: (token) => <code className="code">{token.prefix}…</code>,
            },
            { header: t("users.role"), cell: (token) => t(`role.${token.role}`) },
            {
              header: t("apiTokens.created"),
              cellClassName: "cell--numeric",
              cell: (token) => (
                <>
                  {date(token.createdAt)}
                  <span className="table__subline">{token.owner.name}</span>
                </>
              ),
            },
            {
              header: t("apiTokens.expires"),
              cellClassName: "cell--numeric",
              cell: (token) =>
                token.expiresAt ? (
                  date(token.expiresAt)
                ) : (
                  <span className="muted">{t("apiTokens.never")}</span>
                ),
            },
            {
              header: t("apiTokens.lastUsed"),
              cellClassName: "cell--numeric",
              cell: (token) =>
                token.lastUsedAt ? (
                  dateTime(token.lastUsedAt)
                ) : (
                  <span className="muted">{t("apiTokens.notUsed")}</span>
                ),
            },
            { header: t("users.status"), cell: status },
            {
              header: t("list.actions"),
              hideHeader: true,
              align: "end",
              cellClassName: "cell--end",
              cell: (token) =>
                token.revokedAt ? null : (
                  <button
                    type="button"
                    className="button button--small button--ghost-danger"
                    onClick={() => setRevoking(token)}
                  >
                    {t("apiTokens.revoke")}
                    <span className="visually-hidden"> {token.name}</span>
                  </button>
                ),
            },
          ]}
        />
      </section>

      <Dialog open={creating} onClose={() => setCreating(false)} title={t("apiTokens.new")}>
        {creating ? <CreateTokenFlow onDone={() => setCreating(false)} /> : null}
      </Dialog>

      <ConfirmDialog
        open={revoking !== null}
        title={t("apiTokens.revokeTitle", { name: revoking?.name ?? "" })}
        confirmLabel={t("apiTokens.revoke")}
        busy={revoke.isPending}
        error={revoke.error ? describeError(revoke.error, t) : null}
        onClose={() => {
          setRevoking(null);
          revoke.reset();
        }}
        onConfirm={() => {
          if (!revoking) return;
          revoke.mutate(
            { id: revoking.id },
            {
              onSuccess: async () => {
                await queryClient.invalidateQueries(trpc.apiTokens.list.queryFilter());
                notify("success", t("apiTokens.revoked", { name: revoking.name }));
                setRevoking(null);
              },
            },
          );
        }}
      >
        <p>{t("apiTokens.revokeText")}</p>
      </ConfirmDialog>
    </>
  );
}

interface TokenFormValues {
  name: string;
  role: Role;
  expiresInDays: string;
  note: string;
}

const toTokenInput = (values: TokenFormValues, locale: Locale): CreateApiTokenInput => ({
  name: values.name,
  role: values.role,
  expiresInDays: optionalWholeNumberOfText(values.expiresInDays, locale),
  note: values.note,
});

/** The form, then, once created, the secret with a copy button; it is never shown again. */
function CreateTokenFlow({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const { role } = useSession();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useSchemaForm({
    initialValues: { name: "", role: "finance", expiresInDays: "", note: "" } as TokenFormValues,
    schema: createApiTokenInputSchema,
    toInput: toTokenInput,
  });
  const create = useMutation(
    trpc.apiTokens.create.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries(trpc.apiTokens.list.queryFilter()),
      onError: (error) => form.showServerErrors(error),
    }),
  );

  if (create.data)
    return (
      <TokenSecret secret={create.data.secret} name={create.data.token.name} onDone={onDone} />
    );

  return (
    <DialogForm
      onSubmit={form.handleSubmit((input) => create.mutate(input))}
      error={create.error}
      busy={create.isPending}
      submitLabel={t("apiTokens.create")}
      onCancel={onDone}
    >
      <TextField
        label={t("field.name")}
        hint={t("apiTokens.nameHint")}
        required
        data-autofocus
        {...form.fieldProps("name")}
      />
      <SelectField
        label={t("users.role")}
        hint={t("apiTokens.roleHint")}
        required
        {...form.fieldProps("role")}
      >
        <RoleOptions upTo={role} />
      </SelectField>
      <WholeNumberField
        label={t("apiTokens.expiresInDays")}
        hint={t("apiTokens.expiresInDaysHint")}
        {...form.fieldProps("expiresInDays")}
      />
      <TextAreaField label={t("apiTokens.note")} rows={2} {...form.fieldProps("note")} />
    </DialogForm>
  );
}

function TokenSecret({
  secret,
  name,
  onDone,
}: {
  secret: string;
  name: string;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<boolean | null>(null);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      // No clipboard access (plain http, policy): select it so Ctrl+C works.
      input.current?.select();
      setCopied(false);
    }
  };

  return (
    <div className="form-stack">
      <Alert tone="warning" title={t("apiTokens.secretTitle", { name })}>
        {t("apiTokens.secretWarning")}
      </Alert>
      <div className="field">
        <label className="field__label" htmlFor={id}>
          {t("apiTokens.secret")}
        </label>
        <div className="copy-box">
          <input
            ref={input}
            id={id}
            className="input input--mono"
            value={secret}
            readOnly
            data-testid="api-token-secret"
            autoFocus
            onFocus={(event) => event.target.select()}
          />
          <button type="button" className="button" onClick={() => void copy()}>
            {t("apiTokens.copy")}
          </button>
        </div>
        <p className="field__hint" role="status">
          {copied === true
            ? t("apiTokens.copied")
            : copied === false
              ? t("apiTokens.copyManually")
              : ""}
        </p>
      </div>
      <div className="dialog__actions">
        <button type="button" className="button button--primary" onClick={onDone}>
          {t("apiTokens.done")}
        </button>
      </div>
    </div>
  );
}
