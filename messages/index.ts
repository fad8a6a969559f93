/**
 * All UI text, one folder per area of the service (each with ar.json and en.json holding the same keys).
 * Each folder's top-level keys are namespaces and must not collide with another folder's.
 */
import coreAr from "./core/ar.json";
import coreEn from "./core/en.json";
import adminDecisionsAr from "./admin-decisions/ar.json";
import adminDecisionsEn from "./admin-decisions/en.json";
import adminFinanceAr from "./admin-finance/ar.json";
import adminFinanceEn from "./admin-finance/en.json";
import adminInsightAr from "./admin-insight/ar.json";
import adminInsightEn from "./admin-insight/en.json";
import adminSettingsAr from "./admin-settings/ar.json";
import adminSettingsEn from "./admin-settings/en.json";
import filingAr from "./filing/ar.json";
import filingEn from "./filing/en.json";
import notifyAr from "./notify/ar.json";
import notifyEn from "./notify/en.json";
import paymentsAr from "./payments/ar.json";
import paymentsEn from "./payments/en.json";
import trackingAr from "./tracking/ar.json";
import trackingEn from "./tracking/en.json";
import workerAr from "./worker/ar.json";
import workerEn from "./worker/en.json";

export const messages = {
  ar: {
    ...coreAr,
    ...adminDecisionsAr,
    ...adminFinanceAr,
    ...adminInsightAr,
    ...adminSettingsAr,
    ...filingAr,
    ...notifyAr,
    ...paymentsAr,
    ...trackingAr,
    ...workerAr,
  },
  en: {
    ...coreEn,
    ...adminDecisionsEn,
    ...adminFinanceEn,
    ...adminInsightEn,
    ...adminSettingsEn,
    ...filingEn,
    ...notifyEn,
    ...paymentsEn,
    ...trackingEn,
    ...workerEn,
  },
};

export type Messages = typeof messages.en;
