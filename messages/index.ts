/**
 * All UI text, one folder per area of the service (each with ar.json and en.json holding the same keys).
 * Each folder's top-level keys are namespaces and must not collide with another folder's.
 */
import coreAr from "./core/ar.json";
import coreEn from "./core/en.json";
import filingAr from "./filing/ar.json";
import filingEn from "./filing/en.json";

export const messages = {
  ar: { ...coreAr, ...filingAr },
  en: { ...coreEn, ...filingEn },
};

export type Messages = typeof messages.en;
