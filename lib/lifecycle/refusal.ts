/**
 * The one way a use case says no (issue 10, "one way of refusing"): it throws a Refusal. `code` is a message
 * key (the form that shows it looks it up in its own namespace, then under `errors`); `params` are raw values
 * the page formats in its locale (ISO dates, codes, names); `field` names the form field it belongs to, when
 * it belongs to one. Thrown inside a transaction, it rolls the transaction back: a refused action changes
 * nothing. Actions turn it into their form's state (lib/actions/action.ts); pages into 404 or 403.
 *
 * Codes every lifecycle shares:
 * - not_found: no such thing *for this actor* (another establishment's report looks exactly like a missing one);
 * - forbidden: this kind of user, or this role, may not do this;
 * - not_allowed_now: the thing exists, but its state does not allow this (the pages never offer it);
 * - already_decided: it changed since the user opened the page (someone else acted first).
 */
export class Refusal extends Error {
  readonly code: string;
  readonly params?: Record<string, string>;
  readonly field?: string;

  constructor(code: string, params?: Record<string, string>, field?: string) {
    super(code);
    this.name = "Refusal";
    this.code = code;
    if (params) this.params = params;
    if (field) this.field = field;
  }
}

/** Refuses: throws a Refusal (so the caller's transaction rolls back). */
export function refuse(code: string, params?: Record<string, string>, field?: string): never {
  throw new Refusal(code, params, field);
}

export function isRefusal(e: unknown): e is Refusal {
  return e instanceof Refusal;
}

/** The same refusal as a value, for code that returns rather than throws (a page deciding what to show). */
export type Refused = { ok: false; code: string; params?: Record<string, string>; field?: string };

export function refusedValue(r: Refusal): Refused {
  return {
    ok: false,
    code: r.code,
    ...(r.params ? { params: r.params } : {}),
    ...(r.field ? { field: r.field } : {}),
  };
}
