import { z } from "zod";

const email = z
  .string()
  .trim()
  .min(1, { error: "email_required" })
  .max(254, { error: "email_invalid" })
  .pipe(z.email({ error: "email_invalid" }));

export const inviteSchema = z.object({ email });

export const removeSchema = z.object({ userId: z.uuid() });

export const acceptInvitationSchema = z
  .object({
    token: z.string().min(10).max(100),
    name: z.string().trim().min(2, { error: "name_required" }).max(120, { error: "name_too_long" }),
    password: z.string().min(10, { error: "password_too_short" }).max(200, { error: "password_too_long" }),
    passwordConfirm: z.string(),
  })
  .refine((v) => v.password === v.passwordConfirm, { path: ["passwordConfirm"], error: "password_mismatch" });
