import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseForm } from "@/lib/forms";

describe("parseForm and NUL characters", () => {
  const schema = z.object({ ticketReference: z.string().trim().min(1) });

  it("refuses a text value with a NUL character as a field error (PostgreSQL cannot store it)", () => {
    const fd = new FormData();
    fd.set("ticketReference", "AB\u0000C");
    const parsed = parseForm(schema, fd);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.state.fieldErrors).toEqual({ ticketReference: "invalid" });
  });

  it("accepts the same value without it", () => {
    const fd = new FormData();
    fd.set("ticketReference", "ABC");
    expect(parseForm(schema, fd)).toEqual({ ok: true, data: { ticketReference: "ABC" } });
  });
});
