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
    "What each party can do now is derived from these tables too (`lib/cases/what-now.ts`: `whyNot`,",
    "`whyNotCreate` and `availableMoves` over the case's facts), so no page offers a move the table refuses.",
    "",
    "**`under_review`.** A cancellation request or a grievance moves from `submitted` to `under_review` when a",
    'reviewer claims it (`review_started`, the case page\'s "start review"); the queues and the case page show',
    "who. A claim does not lock others out: it tells colleagues someone is on it. A report itself has no",
    "`under_review` state: a `submitted` report is the reviewers' queue, and opening its case is recorded",
    '(`report.viewed`), so a claim would add nothing but a second way to say "waiting for a decision".',
    "",
    ...MACHINES.map(({ title, machine }) => toMarkdown(machine, title)),
  ].join("\n");
}
