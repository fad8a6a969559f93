/**
 * All UI text, one folder per area of the service (each with ar.json and en.json holding the same keys).
 * Each folder's top-level keys are namespaces and must not collide with another folder's.
 */
import coreAr from "./core/ar.json";
import coreEn from "./core/en.json";
import trackingAr from "./tracking/ar.json";
import trackingEn from "./tracking/en.json";

export const messages = {
  ar: { ...coreAr, ...trackingAr },
  en: { ...coreEn, ...trackingEn },
};

export type Messages = typeof messages.en;
