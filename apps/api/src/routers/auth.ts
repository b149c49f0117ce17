import {
  changePasswordInputSchema,
  setLocaleInputSchema,
  signInInputSchema,
} from "@ledgerline/domain";
import {
  changeOwnPassword,
  deleteSession,
  describeCaller,
  setOwnLocale,
  signIn,
} from "@ledgerline/services";
import { sessionLifetimeOf } from "../env.ts";
import { router } from "../trpc/init.ts";
import { authenticatedProcedure, publicProcedure, sessionProcedure } from "../trpc/procedures.ts";

export const authRouter = router({
  signIn: publicProcedure.input(signInInputSchema).mutation(async ({ ctx, input }) => {
    const session = await signIn(ctx.db, input, {
      ipAddress: ctx.request.ipAddress,
      userAgent: ctx.request.userAgent,
      sessionLifetime: sessionLifetimeOf(ctx.env),
    });
    ctx.setSessionCookie(session.token, session.expiresAt);
    // The token travels only in the httpOnly cookie, never in the body.
    return session.caller;
  }),

  signOut: authenticatedProcedure.mutation(async ({ ctx }) => {
    if (ctx.auth.via === "session") await deleteSession(ctx.db, ctx.auth.sessionToken);
    ctx.clearSessionCookie();
    return { signedOut: true };
  }),

  /**
   * Who is calling: null when nobody is signed in (the sign-in page asks this first). A token
   * answers as the person it acts as, with the role it acts with (never above theirs).
   */
  me: publicProcedure.query(({ ctx }) =>
    ctx.auth ? describeCaller(ctx.db, ctx.auth.actor) : null,
  ),

  changePassword: sessionProcedure
    .input(changePasswordInputSchema)
    .mutation(async ({ ctx, input }) => {
      await changeOwnPassword(ctx.db, ctx.auth.actor, input, ctx.auth.sessionId);
      return { changed: true };
    }),

  setLocale: sessionProcedure.input(setLocaleInputSchema).mutation(async ({ ctx, input }) => {
    await setOwnLocale(ctx.db, ctx.auth.actor, input.locale);
    return { locale: input.locale };
  }),
});
