import { usePageTitle } from "../../lib/page-title.ts";
import { signInInputSchema, type SignInInput } from "@ledgerline/domain";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useI18n } from "../../i18n/i18n.tsx";
import { isLocale } from "../../i18n/locale.ts";
import { Alert } from "../../components/alert.tsx";
import { TextField } from "../../components/field.tsx";
import { describeError } from "../../lib/errors.ts";
import { errorCodeOf, useTRPC } from "../../lib/trpc.ts";
import { useSchemaForm } from "../../lib/use-form.ts";
import { LanguageSwitch } from "../shell/language-switch.tsx";
import { useForgetData } from "./forget-data.ts";

const toInput = (values: SignInInput): SignInInput => values;

export function SignInPage() {
  const { t, locale, setLocale } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const forgetData = useForgetData();
  usePageTitle([t("signIn.title")]);
  const form = useSchemaForm({
    initialValues: { email: "", password: "" },
    schema: signInInputSchema,
    toInput,
  });

  const signIn = useMutation(
    trpc.auth.signIn.mutationOptions({
      onSuccess: async (result) => {
        forgetData();
        if (isLocale(result.user.locale)) setLocale(result.user.locale);
        // The gate re-reads `auth.me` and opens the app where the address bar points.
        await queryClient.refetchQueries(trpc.auth.me.queryFilter());
      },
      onError: (error) => {
        form.showServerErrors(error);
      },
    }),
  );

  // The API's messages are English; the two everyone meets here are also said in German.
  const failure = (() => {
    if (!signIn.error) return null;
    const code = errorCodeOf(signIn.error);
    if (locale === "de" && code === "UNAUTHORIZED") return t("signIn.wrongCredentials");
    if (locale === "de" && code === "TOO_MANY_REQUESTS") return t("signIn.tooManyAttempts");
    return describeError(signIn.error, t);
  })();

  return (
    <div className="sign-in">
      <div className="sign-in__language">
        <LanguageSwitch />
      </div>
      <main className="sign-in__panel">
        <div className="sign-in__brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">Ledgerline</span>
        </div>
        <h1 className="sign-in__title">{t("signIn.title")}</h1>
        <p className="sign-in__subtitle">{t("signIn.subtitle")}</p>
        <form
          className="form-stack"
          noValidate
          onSubmit={form.handleSubmit((input) => signIn.mutate(input))}
        >
          {failure ? (
            <Alert tone="error" title={t("signIn.failed")}>
              {failure}
            </Alert>
          ) : null}
          <TextField
            label={t("signIn.email")}
            type="email"
            autoComplete="username"
            inputMode="email"
            autoFocus
            required
            {...form.fieldProps("email")}
          />
          <TextField
            label={t("signIn.password")}
            type="password"
            autoComplete="current-password"
            required
            {...form.fieldProps("password")}
          />
          <button
            type="submit"
            className="button button--primary button--block"
            disabled={signIn.isPending}
            aria-busy={signIn.isPending || undefined}
          >
            {signIn.isPending ? t("signIn.submitting") : t("signIn.submit")}
          </button>
        </form>
      </main>
      <p className="sign-in__footer">{t("signIn.footer")}</p>
    </div>
  );
}
