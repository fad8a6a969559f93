import { z } from "zod";

const email = z
  .string()
  .trim()
  .min(1, { error: "email_required" })
  .max(254, { error: "email_invalid" })
  .pipe(z.email({ error: "email_invalid" }));

/** At least 10 characters: long passphrases beat complexity rules (NIST SP 800-63B). */
const newPassword = z
  .string()
  .min(10, { error: "password_too_short" })
  .max(200, { error: "password_too_long" });

export const employerSignInSchema = z.object({
  email,
  password: z.string().min(1, { error: "password_required" }).max(200, { error: "password_too_long" }),
});

export const staffPasswordSchema = employerSignInSchema;

export const totpSchema = z.object({
  pending: z.string().min(10).max(100),
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, { error: "totp_format" }),
});

export const signUpSchema = z
  .object({
    crNumber: z
      .string()
      .trim()
      .regex(/^\d{7}$/, { error: "cr_format" }),
    name: z.string().trim().min(2, { error: "name_required" }).max(120, { error: "name_too_long" }),
    email,
    password: newPassword,
    passwordConfirm: z.string(),
  })
  .refine((v) => v.password === v.passwordConfirm, { path: ["passwordConfirm"], error: "password_mismatch" });

export const resetRequestSchema = z.object({ email });

export const resetPasswordSchema = z
  .object({ token: z.string().min(10).max(100), password: newPassword, passwordConfirm: z.string() })
  .refine((v) => v.password === v.passwordConfirm, { path: ["passwordConfirm"], error: "password_mismatch" });
