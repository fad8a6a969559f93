import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/db";
import { notifications } from "@/db/schema";
import { dispatchDue } from "@/lib/notifications/dispatch";
import { notify } from "@/lib/notifications/notify";
import { DEFAULT_EMAIL_FROM, providersFromEnv } from "@/lib/notifications/providers";
import { uniqueSuffix } from "@/tests/helpers/db";
import { startStandIn, type StandInAnswer } from "@/tests/helpers/stand-in";

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

async function resendStandIn(answer: (i: number) => StandInAnswer) {
  const s = await startStandIn((_, i) => answer(i));
  closers.push(s.close);
  return s;
}

async function newEmail(locale: "ar" | "en", establishment = 'مؤسسة النور <للتجارة> & "الخدمات"') {
  const recipient = `owner-${uniqueSuffix()}@example.om`;
  const { id } = await notify(db, {
    channel: "email",
    recipient,
    template: "worker.grievance-closing.email",
    locale,
    params: {
      name: "Rahul",
      establishment,
      reference: "WA-2026-004217",
      deadline: "2030-05-01",
      url: "http://localhost:3000/ar/worker?x=1&y=2",
    },
  });
  const [r] = await db.select().from(notifications).where(eq(notifications.id, id));
  return r!;
}

describe("e-mail through the real Resend SDK against a local stand-in", () => {
  it("posts from, to, subject, right-to-left HTML and text, with an idempotency key", async () => {
    const api = await resendStandIn(() => ({ status: 200, body: { id: "re_123" } }));
    const n = await newEmail("ar");
    const providers = providersFromEnv({ RESEND_API_KEY: "re_test_key", RESEND_BASE_URL: api.url });
    expect(await dispatchDue({ ids: [n.id], providers })).toMatchObject({ delivered: 1 });

    expect(api.requests).toHaveLength(1);
    const req = api.requests[0]!;
    expect(req.method).toBe("POST");
    expect(req.path).toBe("/emails");
    expect(req.headers.authorization).toBe("Bearer re_test_key");
    expect(req.headers["idempotency-key"]).toBe(`notification/${n.id}`);
    const body = req.json as { from: string; to: string[]; subject: string; html: string; text: string };
    expect(body.from).toBe(DEFAULT_EMAIL_FROM);
    expect(body.from).toBe("Balagh <no-reply@balagh.example.om>");
    expect(body.to).toEqual([n.recipient]);
    expect(body.subject).toBe(n.subject);
    expect(body.text).toBe(n.body);
    expect(body.html).toContain('<html dir="rtl" lang="ar">');
    // User-provided text is escaped, never markup.
    expect(body.html).toContain("مؤسسة النور &lt;للتجارة&gt; &amp; &quot;الخدمات&quot;");
    expect(body.html).not.toContain("<للتجارة>");
    expect(body.html).toContain('href="http://localhost:3000/ar/worker?x=1&amp;y=2"');

    const [r] = await db.select().from(notifications).where(eq(notifications.id, n.id));
    expect(r).toMatchObject({ status: "delivered", providerId: "re_123", attempts: 1 });
  });

  it("uses EMAIL_FROM and renders English left-to-right", async () => {
    const api = await resendStandIn(() => ({ status: 200, body: { id: "re_456" } }));
    const n = await newEmail("en", "Al Noor Trading");
    const providers = providersFromEnv({
      RESEND_API_KEY: "re_k",
      RESEND_BASE_URL: api.url,
      EMAIL_FROM: "Ministry <notify@mol.example.om>",
    });
    await dispatchDue({ ids: [n.id], providers });
    const body = api.requests[0]!.json as { from: string; html: string };
    expect(body.from).toBe("Ministry <notify@mol.example.om>");
    expect(body.html).toContain('<html dir="ltr" lang="en">');
  });

  it("retries Resend's 500 and stops on its 422", async () => {
    const api = await resendStandIn((i) =>
      i === 0
        ? { status: 500, body: { statusCode: 500, name: "internal_server_error", message: "boom" } }
        : {
            status: 422,
            body: { statusCode: 422, name: "validation_error", message: "Invalid `to` field." },
          },
    );
    const n = await newEmail("ar");
    const providers = providersFromEnv({ RESEND_API_KEY: "re_k", RESEND_BASE_URL: api.url });
    await dispatchDue({ ids: [n.id], providers });
    let [r] = await db.select().from(notifications).where(eq(notifications.id, n.id));
    expect(r).toMatchObject({ status: "temporary_failure", attempts: 1 });
    await dispatchDue({ ids: [n.id], providers, now: new Date(Date.now() + 60_000) });
    [r] = await db.select().from(notifications).where(eq(notifications.id, n.id));
    expect(r).toMatchObject({ status: "permanent_failure", attempts: 2 });
    expect(r!.lastError).toContain("422 validation_error");
    expect(api.requests).toHaveLength(2);
  });
});
