import { toMarkdown } from "./machine";
import { MACHINES } from "./registry";

/** docs/lifecycles.md, generated from the tables (`npm run docs:lifecycles`; a unit test keeps it identical). */
export function lifecyclesDocument(): string {
  return [
    "# Lifecycles",
    "",
    "Generated from the transition tables in `lib/` by `npm run docs:lifecycles` — do not edit by hand; a test",
    "fails when this page and the tables differ. Each lifecycle is one table (`lib/<domain>/states.ts`): its",
    "states, every move, who may make it (`by`: a supervisor may make any staff move), when it happens, whom it",
    "tells, and what else it causes. One `transition()` (`lib/lifecycle/transition.ts`) makes every move: it",
    "checks the table, writes the status, the history and the audit event, and runs the move's consequences",
    "(`lib/<domain>/lifecycle.ts`) in the same transaction.",
    "",
    ...MACHINES.map(({ title, machine }) => toMarkdown(machine, title)),
  ].join("\n");
}
