import { z } from "zod";
import { ROLES } from "../roles.ts";
import { idSchema, optionalText, requiredText } from "./common.ts";

/** NIST 800-63B: length over composition rules; 12 is our floor, 256 our ceiling. */
export const MIN_PASSWORD_LENGTH = 12;

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "Enter a valid email address." }));

export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `At least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(256, "At most 256 characters.");

export const roleSchema = z.enum(ROLES);

export const signInInputSchema = z.object({
  email: emailSchema,
  // Any length is checked against the hash; the policy applies when a password is set.
  password: z.string().min(1, "Enter your password.").max(256),
});
export type SignInInput = z.input<typeof signInInputSchema>;

export const createUserInputSchema = z.object({
  email: emailSchema,
  name: requiredText(200, "Name"),
  role: roleSchema,
  password: passwordSchema,
});
export type CreateUserInput = z.input<typeof createUserInputSchema>;

export const changeRoleInputSchema = z.object({ id: idSchema, role: roleSchema });
export const setUserActiveInputSchema = z.object({ id: idSchema, active: z.boolean() });

export const changePasswordInputSchema = z.object({
  currentPassword: z.string().min(1, "Enter your current password."),
  newPassword: passwordSchema,
});

export const createApiTokenInputSchema = z.object({
  name: requiredText(100, "Name"),
  role: roleSchema,
  expiresInDays: z
    .number()
    .int()
    .min(1)
    .max(3650)
    .nullish()
    .transform((v) => v ?? null),
  note: optionalText(500),
});
export type CreateApiTokenInput = z.input<typeof createApiTokenInputSchema>;

export const LOCALES = ["de", "en"] as const;
export type Locale = (typeof LOCALES)[number];

/** `auth.setLocale`: the signed-in person's language. */
export const setLocaleInputSchema = z.object({ locale: z.enum(LOCALES) });
export type SetLocaleInput = z.input<typeof setLocaleInputSchema>;
