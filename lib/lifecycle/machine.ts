/**
 * The legal process as explicit tables (issue 10). Every lifecycle — a report, its deposit, the employer's
 * cancellation and refund requests, the worker's grievance, an Art. 4 referral, a suspension — is one Machine:
 * its states, the moves between them, who may make each move, the guard that must hold in the case's state,
 * whom the move tells, and (in words) what else it causes. Pure: no database here, so the tables are unit
 * tested move by move, drawn as diagrams (docs/lifecycles.md, kept identical by a test), and read by the pages
 * to work out "what you can do now" with exactly the rules the use cases enforce.
 *
 * The database side — the conditional update, the history row, the audit event and the consequences (other
 * entities' moves, messages) in one transaction — is lib/lifecycle/transition.ts.
 */

/** Who may make a move. A supervisor may make any staff move (as staffHasRole says). */
export type Party = "employer" | "worker" | "reviewer" | "finance" | "supervisor" | "system";
export const STAFF_PARTIES = ["reviewer", "finance", "supervisor"] as const;

/** Whoever acts, as the lifecycle sees them. Use cases build it from the signed-in actor (lib/auth/actor.ts). */
export type ActorRef =
  | { kind: "employer"; id: string; establishmentId?: string }
  | { kind: "worker"; id: string }
  | { kind: "staff"; id: string; role: "reviewer" | "finance" | "supervisor" }
  | { kind: "system"; id?: null };

/** The parties an actor acts as. */
export function partiesOf(actor: ActorRef): readonly Party[] {
  switch (actor.kind) {
    case "employer":
      return ["employer"];
    case "worker":
      return ["worker"];
    case "system":
      return ["system"];
    case "staff":
      return actor.role === "supervisor" ? STAFF_PARTIES : [actor.role];
  }
}

/** The people a move may tell (the model test checks the outbox against this). */
export type Audience = "employer" | "worker" | "staff";

/**
 * One move. `guard` gets the case's facts (whatever this lifecycle's context is: for a report's lifecycles,
 * the CaseFacts of lib/cases) and the actor, and returns a refusal code, or null when the move is allowed.
 */
export type TransitionSpec<S extends string, C> = {
  from: readonly S[];
  to: S;
  by: readonly Party[];
  guard?: (c: C, actor: ActorRef) => string | null;
  tells?: readonly Audience[];
  /** What else the move causes, in words for the lifecycles page; `effects` in transition.ts does it. */
  consequences?: readonly string[];
  /** One line for the lifecycles page: when this move happens. */
  when?: string;
};

/** Creating a row (filing a grievance, asking for a refund): who may, and when. */
export type CreationSpec<S extends string, C> = {
  into: S;
  by: readonly Party[];
  guard?: (c: C, actor: ActorRef) => string | null;
  tells?: readonly Audience[];
  consequences?: readonly string[];
  when?: string;
};

export type Machine<S extends string, T extends string, C> = {
  /** Singular entity name: audit actions are `${name}.${transition}`, history rows carry it. */
  readonly name: string;
  readonly states: readonly S[];
  readonly create: CreationSpec<S, C> | null;
  readonly transitions: { readonly [K in T]: TransitionSpec<S, C> };
  /** States a row in which counts as open (an open request, an open report…). */
  readonly open: readonly S[];
};

export type StateOf<M> = M extends Machine<infer S, string, unknown> ? S : never;
export type TransitionOf<M> = M extends Machine<string, infer T, unknown> ? T : never;

/** Declares a machine, checking it at load time: an inconsistent table fails every test that imports it. */
export function defineMachine<S extends string, T extends string, C>(m: Machine<S, T, C>): Machine<S, T, C> {
  const known = new Set<string>(m.states);
  const names = Object.keys(m.transitions) as T[];
  for (const name of names) {
    const t = m.transitions[name];
    if (!known.has(t.to)) throw new Error(`${m.name}.${name}: unknown target state ${t.to}`);
    if (t.from.length === 0) throw new Error(`${m.name}.${name}: no source state`);
    for (const f of t.from)
      if (!known.has(f)) throw new Error(`${m.name}.${name}: unknown source state ${f}`);
    if (t.from.includes(t.to)) throw new Error(`${m.name}.${name}: a move to the state it starts from`);
    if (t.by.length === 0) throw new Error(`${m.name}.${name}: nobody may make it`);
  }
  if (m.create && !known.has(m.create.into)) throw new Error(`${m.name}: created in an unknown state`);
  for (const s of m.open) if (!known.has(s)) throw new Error(`${m.name}: unknown open state ${s}`);
  return m;
}

/** States with no move out. */
export function finalStates<S extends string, T extends string, C>(m: Machine<S, T, C>): S[] {
  const withExit = new Set<string>();
  for (const t of Object.values(m.transitions) as TransitionSpec<S, C>[])
    for (const f of t.from) withExit.add(f);
  return m.states.filter((s) => !withExit.has(s));
}

/** Every (from, transition) pair: the unit tests walk them all. */
export function movesOf<S extends string, T extends string, C>(
  m: Machine<S, T, C>,
): { from: S; name: T; to: S }[] {
  const out: { from: S; name: T; to: S }[] = [];
  for (const name of Object.keys(m.transitions) as T[]) {
    const t = m.transitions[name];
    for (const from of t.from) out.push({ from, name, to: t.to });
  }
  return out;
}

function byAllows(by: readonly Party[], actor: ActorRef): boolean {
  const mine = partiesOf(actor);
  return by.some((p) => mine.includes(p));
}

/** May this kind of user (this role) ever make move `name`, whatever the state? */
export function mayMake<S extends string, T extends string, C>(
  m: Machine<S, T, C>,
  name: T,
  actor: ActorRef,
): boolean {
  return byAllows(m.transitions[name].by, actor);
}

/**
 * Why `actor` may not make move `name` from state `from` in case `c`, as a refusal code; null when allowed.
 * The order is the one every use case follows: may this kind of user do it at all, does the state allow it,
 * does the guard hold.
 */
export function whyNot<S extends string, T extends string, C>(
  m: Machine<S, T, C>,
  name: T,
  from: S,
  actor: ActorRef,
  c: C,
): string | null {
  const t = m.transitions[name];
  if (!byAllows(t.by, actor)) return "forbidden";
  if (!t.from.includes(from)) return "not_allowed_now";
  return t.guard ? t.guard(c, actor) : null;
}

/** Why `actor` may not create a row of this lifecycle in case `c`; null when allowed. */
export function whyNotCreate<S extends string, T extends string, C>(
  m: Machine<S, T, C>,
  actor: ActorRef,
  c: C,
): string | null {
  if (!m.create) return "not_allowed_now";
  if (!byAllows(m.create.by, actor)) return "forbidden";
  return m.create.guard ? m.create.guard(c, actor) : null;
}

/** The moves `actor` may make now from state `from` in case `c`. */
export function availableMoves<S extends string, T extends string, C>(
  m: Machine<S, T, C>,
  from: S,
  actor: ActorRef,
  c: C,
): T[] {
  return (Object.keys(m.transitions) as T[]).filter((name) => whyNot(m, name, from, actor, c) === null);
}

/** A Mermaid state diagram of the machine (docs/lifecycles.md). */
export function toMermaid<S extends string, T extends string, C>(m: Machine<S, T, C>): string {
  const lines = ["stateDiagram-v2"];
  if (m.create) lines.push(`  [*] --> ${m.create.into}: created by ${m.create.by.join(", ")}`);
  for (const { from, name, to } of movesOf(m)) {
    lines.push(`  ${from} --> ${to}: ${name} (${m.transitions[name].by.join(", ")})`);
  }
  for (const s of finalStates(m)) lines.push(`  ${s} --> [*]`);
  return lines.join("\n");
}

/** A Markdown section for one machine: the diagram and a table of every move with its guard and effects. */
export function toMarkdown<S extends string, T extends string, C>(
  m: Machine<S, T, C>,
  title: string,
): string {
  const rows = (Object.keys(m.transitions) as T[]).map((name) => {
    const t = m.transitions[name];
    const cell = (s: string) => s.replace(/\|/g, "\\|");
    return `| \`${name}\` | ${t.from.join(", ")} | ${t.to} | ${t.by.join(", ")} | ${cell(t.when ?? "")} | ${(t.tells ?? []).join(", ")} | ${cell((t.consequences ?? []).join("; "))} |`;
  });
  const create = m.create
    ? `Created in \`${m.create.into}\` by ${m.create.by.join(", ")}${m.create.when ? `: ${m.create.when}` : ""}.` +
      (m.create.tells?.length ? ` Tells: ${m.create.tells.join(", ")}.` : "") +
      (m.create.consequences?.length ? ` Also: ${m.create.consequences.join("; ")}.` : "") +
      "\n\n"
    : "";
  return [
    `## ${title}`,
    "",
    `States: ${m.states.map((s) => `\`${s}\``).join(", ")}. Open: ${m.open.map((s) => `\`${s}\``).join(", ") || "none"}. Final: ${finalStates(
      m,
    )
      .map((s) => `\`${s}\``)
      .join(", ")}.`,
    "",
    create + "```mermaid\n" + toMermaid(m) + "\n```",
    "",
    "| move | from | to | by | when | tells | consequences |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...rows,
    "",
  ].join("\n");
}
