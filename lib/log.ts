import pino from "pino";

/**
 * Structured JSON logs. Secrets never reach a log line: passwords, one-time codes and tokens are redacted by
 * key wherever they appear, and civil IDs must be passed through `maskCivilId` first.
 */
export const log = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
  base: { service: "balagh" },
  redact: {
    paths: [
      "password",
      "*.password",
      "code",
      "*.code",
      "otp",
      "*.otp",
      "token",
      "*.token",
      "totpSecret",
      "*.totpSecret",
      "civilId",
      "*.civilId",
      "headers.cookie",
      "*.headers.cookie",
    ],
    censor: "[redacted]",
  },
});

export function maskCivilId(civilId: string): string {
  return civilId.length <= 3 ? "***" : `${"*".repeat(civilId.length - 3)}${civilId.slice(-3)}`;
}
