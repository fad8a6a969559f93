import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { notifications } from "@/db/schema";
import { notify } from "@/lib/notifications/notify";
import { uniqueDigits } from "@/tests/helpers/db";

const params = { reference: "WA-2026-004217" };

describe("notify", () => {
  it("writes the message in the recipient's language, from the catalogue", async () => {
    const recipient = `+968${uniqueDigits(8)}`;
    const { id } = await notify(db, {
      channel: "sms",
      recipient,
      template: "worker.grievance-received-sms",
      locale: "ar",
      params,
    });
    const [row] = await db.select().from(notifications).where(eq(notifications.id, id));
    expect(row).toMatchObject({ channel: "sms", recipient, locale: "ar", subject: null });
    expect(row!.body).toBe("استلمنا تظلمك على البلاغ WA-2026-004217. سنرسل لك القرار.");
  });

  it("refuses a template on a channel it is not written for, and writes nothing", async () => {
    const recipient = `worker-${uniqueDigits(8)}@example.om`;
    await expect(
      notify(db, {
        channel: "email",
        recipient,
        template: "worker.grievance-received-sms",
        locale: "en",
        params,
      }),
    ).rejects.toThrow(/written for sms, not email/);
    expect(await db.select().from(notifications).where(eq(notifications.recipient, recipient))).toEqual([]);
  });
});
