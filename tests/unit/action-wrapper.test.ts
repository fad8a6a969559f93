import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { ForbiddenError } from "@/lib/auth/actor";
import { idleState } from "@/lib/forms";
import { refuse } from "@/lib/lifecycle/refusal";

// The wrapper reads the session and the request's headers: here they are whatever the test says.
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/config", () => ({ getActor: async () => session.actor }));
vi.mock("@/lib/auth/request-info", () => ({ currentRequestInfo: async () => ({ ip: "10.0.0.1" }) }));
vi.mock("@/lib/log", () => ({ log: { error: () => undefined } }));

const { employerAction, staffAction, workerAction, localeOf } = await import("@/lib/actions/action");

const WORKER: Actor = { kind: "worker", workerId: "w1" } as unknown as Actor;
const FINANCE: Actor = { kind: "staff", userId: "s1", role: "finance" } as unknown as Actor;
const OWNER: Actor = {
  kind: "employer",
  userId: "e1",
  role: "owner",
  establishmentId: "x",
} as unknown as Actor;

function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}

const schema = z.object({ name: z.string().trim().min(1, "name_required") });

describe("the action wrapper", () => {
  it("reads the form's locale, Arabic when missing or unknown", () => {
    expect(localeOf(form({ locale: "en" }))).toBe("en");
    expect(localeOf(form({ locale: "fr" }))).toBe("ar");
    expect(localeOf(form({}))).toBe("ar");
  });

  it("refuses another kind of user, or a role that may not, before validating", async () => {
    const run = vi.fn();
    session.actor = WORKER;
    const asStaff = await staffAction(schema, ["finance"], run)(idleState, form({ name: "" }));
    expect(asStaff).toMatchObject({ status: "error", formError: "forbidden" });
    session.actor = OWNER;
    const asOwner = await staffAction(schema, ["finance"], run)(idleState, form({ name: "" }));
    expect(asOwner).toMatchObject({ status: "error", formError: "forbidden" });
    expect(run).not.toHaveBeenCalled();
  });

  it("gives every field error at once, keeps the values, and refuses a NUL character", async () => {
    session.actor = FINANCE;
    const run = vi.fn();
    const action = staffAction(schema, ["finance"], run);
    expect(await action(idleState, form({ name: " " }))).toEqual({
      status: "error",
      fieldErrors: { name: "name_required" },
      values: { name: " " },
    });
    expect(await action(idleState, form({ name: "a\u0000b" }))).toMatchObject({
      fieldErrors: { name: "invalid" },
    });
    expect(run).not.toHaveBeenCalled();
  });

  it("hands the use case the parsed data, the actor, the locale and the address", async () => {
    session.actor = OWNER;
    const run = vi.fn(async () => undefined);
    const state = await employerAction(schema, run)(idleState, form({ name: " Amal ", locale: "en" }));
    expect(state).toEqual({ status: "success" });
    expect(run).toHaveBeenCalledWith(
      { name: "Amal" },
      expect.objectContaining({ actor: OWNER, locale: "en", ip: "10.0.0.1" }),
    );
  });

  it("turns a refusal, a ForbiddenError and anything unexpected into the form's state", async () => {
    session.actor = OWNER;
    const refused = employerAction(schema, async () => refuse("not_allowed_now", { date: "2026-01-01" }));
    expect(await refused(idleState, form({ name: "a" }))).toMatchObject({
      formError: "not_allowed_now",
      formErrorParams: { date: "2026-01-01" },
    });
    const onField = employerAction(schema, async () => refuse("taken", undefined, "name"));
    expect(await onField(idleState, form({ name: "a" }))).toMatchObject({ fieldErrors: { name: "taken" } });
    const forbidden = employerAction(schema, async () => {
      throw new ForbiddenError("role");
    });
    expect(await forbidden(idleState, form({ name: "a" }))).toMatchObject({ formError: "forbidden" });
    const broken = employerAction(schema, async () => {
      throw new Error("boom");
    });
    expect(await broken(idleState, form({ name: "a" }))).toMatchObject({
      formError: "server",
      values: { name: "a" },
    });
  });

  it("adds a form's own data to every error state, and only to errors", async () => {
    session.actor = WORKER;
    const errorData = () => ({ filesAgain: "1" });
    const refused = workerAction(schema, async () => refuse("already_open"), { errorData });
    expect(await refused(idleState, form({ name: "a" }))).toMatchObject({
      formError: "already_open",
      data: { filesAgain: "1" },
    });
    const invalid = workerAction(schema, async () => undefined, { errorData });
    expect(await invalid(idleState, form({ name: "" }))).toMatchObject({ data: { filesAgain: "1" } });
    const ok = workerAction(schema, async () => ({ status: "success" as const }), { errorData });
    expect(await ok(idleState, form({ name: "a" }))).toEqual({ status: "success" });
  });
});
