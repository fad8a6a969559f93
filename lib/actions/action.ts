import "server-only";
import { redirect, unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import {
  ForbiddenError,
  staffHasRole,
  type EmployerActor,
  type EmployerRole,
  type StaffActor,
  type StaffRole,
  type WorkerActor,
} from "@/lib/auth/actor";
import { getActor } from "@/lib/auth/config";
import { currentRequestInfo } from "@/lib/auth/request-info";
import { formError, formValues, parseForm, type FormState } from "@/lib/forms";
import { isLocale, type Locale } from "@/lib/i18n/routing";
import { isRefusal } from "@/lib/lifecycle/refusal";
import { log } from "@/lib/log";

/**
 * One way to write a server action (issue 10): a wrapper per kind of user that
 * 1. reads the form's locale (the hidden `locale` field every form carries),
 * 2. loads the signed-in actor from the session (anonymous: to that kind's sign-in page; another kind of user
 *    or a role that may not: the form's `forbidden` error),
 * 3. parses the form with zod through parseForm (every field error at once, values kept, NUL refused),
 * 4. calls `run`, which calls one use case and returns the form's next state or redirects,
 * 5. turns a Refusal (lib/lifecycle/refusal.ts) into the form's state: a field error when it names a field,
 *    else the form's error with its parameters; anything unexpected is logged and shown as "try again".
 * Nothing else belongs in an action file.
 */

export type ActionContext<A> = { actor: A; locale: Locale; ip: string | null; formData: FormData };
export type FormAction = (prev: FormState, formData: FormData) => Promise<FormState>;
type Run<S extends z.ZodType, A> = (data: z.infer<S>, ctx: ActionContext<A>) => Promise<FormState | void>;
/**
 * `errorData`: what every error state of this form carries in `data` besides the wrapper's own (the grievance
 * form says "choose your files again", since a browser cannot put chosen files back into a form).
 */
type Options = { errorData?: (formData: FormData) => Record<string, string> | undefined };

/** The locale a form was sent from (its hidden `locale` field), Arabic when missing or unknown. */
export function localeOf(formData: FormData): Locale {
  const l = String(formData.get("locale") ?? "ar");
  return isLocale(l) ? l : "ar";
}

/** A use case's refusal (or an unexpected error) as the form's state. Redirects and 404s pass through. */
export function refusalState(formData: FormData, e: unknown): FormState {
  unstable_rethrow(e);
  if (e instanceof ForbiddenError) return formError(formData, "forbidden");
  if (isRefusal(e)) {
    if (e.field) return { status: "error", fieldErrors: { [e.field]: e.code }, values: formValues(formData) };
    return formError(formData, e.code, e.params);
  }
  log.error({ err: e }, "action failed");
  return formError(formData, "server");
}

async function runParsed<S extends z.ZodType, A>(
  schema: S,
  formData: FormData,
  actor: A,
  locale: Locale,
  run: Run<S, A>,
  opts: Options = {},
): Promise<FormState> {
  const withData = (state: FormState): FormState => {
    if (state.status !== "error" || !opts.errorData) return state;
    const data = opts.errorData(formData);
    return data ? { ...state, data: { ...state.data, ...data } } : state;
  };
  const parsed = parseForm(schema, formData);
  if (!parsed.ok) return withData(parsed.state);
  const { ip } = await currentRequestInfo();
  let state: FormState;
  try {
    state = (await run(parsed.data, { actor, locale, ip, formData })) ?? { status: "success" };
  } catch (e) {
    state = refusalState(formData, e);
  }
  return withData(state);
}

/** An action for anyone, signed in or not (sign-in, sign-up, password reset). */
export function publicAction<S extends z.ZodType>(schema: S, run: Run<S, null>): FormAction {
  return async (_prev, formData) => runParsed(schema, formData, null, localeOf(formData), run);
}

/** An action of the establishment's users (owner and HR officer unless `roles` says otherwise). */
export function employerAction<S extends z.ZodType>(
  schema: S,
  run: Run<S, EmployerActor>,
  opts: { roles?: readonly EmployerRole[] } = {},
): FormAction {
  return async (_prev, formData) => {
    const locale = localeOf(formData);
    const actor = await getActor();
    if (!actor) redirect(`/${locale}/sign-in/employer`);
    if (actor.kind !== "employer" || !(opts.roles ?? ["owner", "hr_officer"]).includes(actor.role))
      return formError(formData, "forbidden");
    return runParsed(schema, formData, actor, locale, run);
  };
}

/** An action of a signed-in worker. */
export function workerAction<S extends z.ZodType>(
  schema: S,
  run: Run<S, WorkerActor>,
  opts: Options = {},
): FormAction {
  return async (_prev, formData) => {
    const locale = localeOf(formData);
    const actor = await getActor();
    if (!actor) redirect(`/${locale}/sign-in/worker`);
    if (actor.kind !== "worker") return formError(formData, "forbidden");
    return runParsed(schema, formData, actor, locale, run, opts);
  };
}

/** An action of ministry staff with one of `roles` (a supervisor may do everything staff may). */
export function staffAction<S extends z.ZodType>(
  schema: S,
  roles: readonly StaffRole[],
  run: Run<S, StaffActor>,
): FormAction {
  return async (_prev, formData) => {
    const locale = localeOf(formData);
    const actor = await getActor();
    if (!actor) redirect(`/${locale}/sign-in/staff`);
    if (actor.kind !== "staff" || !staffHasRole(actor, roles)) return formError(formData, "forbidden");
    return runParsed(schema, formData, actor, locale, run);
  };
}
