/**
 * All UI text, one folder per area of the service (each with ar.json and en.json holding the same keys).
 * Each folder's top-level keys are namespaces and must not collide with another folder's.
 */
import coreAr from "./core/ar.json";
import coreEn from "./core/en.json";
import adminFinanceAr from "./admin-finance/ar.json";
import adminFinanceEn from "./admin-finance/en.json";
import adminSettingsAr from "./admin-settings/ar.json";
import adminSettingsEn from "./admin-settings/en.json";
import notifyAr from "./notify/ar.json";
import notifyEn from "./notify/en.json";
import paymentsAr from "./payments/ar.json";
import paymentsEn from "./payments/en.json";
import trackingAr from "./tracking/ar.json";
import trackingEn from "./tracking/en.json";
import workerAr from "./worker/ar.json";
import workerEn from "./worker/en.json";

export const messages = {
  ar: { ...coreAr, ...adminFinanceAr, ...adminSettingsAr, ...notifyAr, ...paymentsAr, ...trackingAr, ...workerAr },
  en: { ...coreEn, ...adminFinanceEn, ...adminSettingsEn, ...notifyEn, ...paymentsEn, ...trackingEn, ...workerEn },
};

export type Messages = typeof messages.en;
