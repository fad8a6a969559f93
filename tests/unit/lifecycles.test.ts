import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { CaseFacts } from "@/lib/cases/facts";
import { caseOf } from "../helpers/case-facts";
import { decisionConflict, grievanceBlocker } from "@/lib/grievances/states";
import { lifecyclesDocument } from "@/lib/lifecycle/document";
import {
  defineMachine,
  finalStates,
  movesOf,
  partiesOf,
  whyNot,
  type ActorRef,
  type Party,
} from "@/lib/lifecycle/machine";
import { MACHINES } from "@/lib/lifecycle/registry";
import { reopenBlocker } from "@/lib/reports/states";

const ACTORS: Record<Party, ActorRef> = {
  employer: { kind: "employer", id: "e" },
  worker: { kind: "worker", id: "w" },
  reviewer: { kind: "staff", id: "r", role: "reviewer" },
  finance: { kind: "staff", id: "f", role: "finance" },
  supervisor: { kind: "staff", id: "s", role: "supervisor" },
  system: { kind: "system" },
};

describe("every lifecycle table, move by move", () => {
  for (const { title, machine } of MACHINES) {
    describe(title, () => {
      // A guard-free copy: these tests are about the table itself (who, from where); guards have their own below.
      const bare = {
        ...machine,
        transitions: Object.fromEntries(
          Object.entries(machine.transitions).map(([k, t]) => [k, { ...t, guard: undefined }]),
        ),
      };
      for (const name of Object.keys(machine.transitions)) {
        const t = machine.transitions[name]!;
        for (const state of machine.states) {
          for (const party of Object.keys(ACTORS) as Party[]) {
            const allowedParty = partiesOf(ACTORS[party]).some((p) => t.by.includes(p));
            const expected = !allowedParty ? "forbidden" : t.from.includes(state) ? null : "not_allowed_now";
            it(`${name} from ${state} by ${party}: ${expected ?? "allowed"}`, () => {
              expect(whyNot(bare, name, state, ACTORS[party], undefined as never)).toBe(expected);
            });
          }
        }
      }
      it("every state is reachable from where rows are created, and final states have no way out", () => {
        const reached = new Set<string>(machine.create ? [machine.create.into] : []);
        for (let grew = true; grew;) {
          grew = false;
          for (const m of movesOf(machine))
            if (reached.has(m.from) && !reached.has(m.to)) {
              reached.add(m.to);
              grew = true;
            }
        }
        expect([...machine.states].filter((s) => !reached.has(s))).toEqual([]);
        for (const f of finalStates(machine)) expect(movesOf(machine).some((m) => m.from === f)).toBe(false);
      });
    });
  }

  it("a table with a move to an unknown state is refused when it is defined", () => {
    expect(() =>
      defineMachine({
        name: "broken",
        states: ["a", "b"],
        open: ["a"],
        create: null,
        transitions: { go: { from: ["a"], to: "c" as "b", by: ["system"] } },
      }),
    ).toThrow(/unknown target state/);
  });
});

describe("docs/lifecycles.md", () => {
  it("is exactly what the tables generate (run `npm run docs:lifecycles` after changing a table)", () => {
    const onDisk = readFileSync(path.join(__dirname, "../../docs/lifecycles.md"), "utf8");
    expect(onDisk).toBe(lifecyclesDocument());
  });

  it("shows every state and every move of every table", () => {
    const doc = lifecyclesDocument();
    for (const { machine } of MACHINES) {
      for (const s of machine.states) expect(doc).toContain(`\`${s}\``);
      for (const m of movesOf(machine)) expect(doc).toContain(`${m.from} --> ${m.to}: ${m.name}`);
    }
  });
});

describe("guards", () => {
  it("separation of duties: the reviewer who decided the report may not decide its grievance; another reviewer or a supervisor may", () => {
    const c = caseOf({ report: { decidedBy: "r" } });
    expect(decisionConflict(c, { kind: "staff", id: "r", role: "reviewer" })).toBe("same_reviewer");
    expect(decisionConflict(c, { kind: "staff", id: "r2", role: "reviewer" })).toBeNull();
    expect(decisionConflict(c, { kind: "staff", id: "r", role: "supervisor" })).toBeNull();
  });

  it("a grievance may be filed while the report stands and the deadline has not passed, one at a time", () => {
    expect(grievanceBlocker(caseOf())).toBeNull();
    expect(grievanceBlocker(caseOf({ report: { status: "rejected" } }))).toBe("report_not_in_force");
    expect(grievanceBlocker(caseOf({ report: { grievanceDeadline: "2026-12-04" } }))).toBe("deadline_passed");
    const open = { status: "under_review" } as CaseFacts["grievances"][number];
    expect(grievanceBlocker(caseOf({ grievances: [open] }))).toBe("already_open");
  });

  it("a decision can be reopened only while nothing has followed from it", () => {
    expect(reopenBlocker(caseOf())).toBeNull();
    const decided = { status: "rejected" } as CaseFacts["grievances"][number];
    expect(reopenBlocker(caseOf({ grievances: [decided] }))).toBe("grievance_decided");
    const used = { status: "utilised" } as CaseFacts["deposit"];
    expect(reopenBlocker(caseOf({ deposit: used }))).toBe("deposit_moved");
  });
});
