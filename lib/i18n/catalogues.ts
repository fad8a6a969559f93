/**
 * The message catalogues: `messages/<area>/<locale>.json`, page text merged by messages/index.ts, the words of
 * SMS and e-mails by messages/templates.ts. Arabic and English hold exactly the same keys in every area. The
 * areas a worker reads are written in every locale of the service (`locales` in ./routing) with exactly
 * English's keys; every other area (employer and staff) only in Arabic and English.
 * tests/unit/i18n/catalogues.test.ts checks both, in CI.
 */
export const workerAreas = ["worker", "templates-worker", "email-frame"] as const;

/** The locales every area has, the reference first: the keys of `en` are the keys of every other file. */
export const baseLocales = ["en", "ar"] as const;
