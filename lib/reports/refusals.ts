import type { EligibilityRefusal } from "./rules";

/**
 * A refusal: `code` is a message key under `filing.errors`; `params` are raw values (ISO dates, codes, names
 * in both languages) that the page formats in its locale; `field` names the form field it belongs to.
 */
export type Refused = { ok: false; code: string; params?: Record<string, string>; field?: string };

export function refused(code: string, params?: Record<string, string>, field?: string): Refused {
  return { ok: false, code, ...(params ? { params } : {}), ...(field ? { field } : {}) };
}

/** A rule's refusal as a message code and raw parameters. */
export function refusalOf(
  r: EligibilityRefusal,
  governorate: { nameAr: string; nameEn: string },
  field?: string,
): Refused {
  switch (r.code) {
    case "establishment_suspended":
      return refused(r.code, { until: r.until.toISOString() }, field);
    case "governorate_not_live":
      return r.liveFrom
        ? refused(
            "governorate_not_live_scheduled",
            { liveFrom: r.liveFrom, governorateAr: governorate.nameAr, governorateEn: governorate.nameEn },
            field,
          )
        : refused(
            "governorate_not_live",
            { governorateAr: governorate.nameAr, governorateEn: governorate.nameEn },
            field,
          );
    case "worker_not_found":
    case "permit_other_establishment":
      return refused(r.code, undefined, field);
    case "permit_not_active":
      return refused(r.code, { permitStatus: r.permitStatus }, field);
    case "open_report_exists":
      return r.ownReference
        ? refused("open_report_exists_own", { reference: r.ownReference }, field)
        : refused(r.code, undefined, field);
  }
}
