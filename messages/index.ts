/**
 * All UI text, one folder per area of the service (each with ar.json and en.json holding the same keys).
 * Each folder's top-level keys are namespaces and must not collide with another folder's.
 */
import coreAr from "./core/ar.json";
import coreEn from "./core/en.json";
import workerAr from "./worker/ar.json";
import workerEn from "./worker/en.json";

export const messages = {
  ar: { ...coreAr, ...workerAr },
  en: { ...coreEn, ...workerEn },
};

export type Messages = typeof messages.en;
