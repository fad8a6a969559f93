import { expect, test } from "@playwright/test";
import { db } from "@/db";
import { notify } from "@/lib/notifications/notify";

/**
 * The app runs its jobs in-process (the default): a message committed now is delivered to the development
 * outbox within seconds, and the outbox shows it as its recipient sees it, in both languages.
 */
// No afterAll that ends the connection: spec files share one worker process and one client (see
// tests/e2e/global-setup.ts); Playwright ends the worker, and its connections with it, after the last test.

for (const locale of ["ar", "en"] as const) {
  test(`a committed SMS and e-mail are delivered to the outbox within seconds (${locale})`, async ({
    page,
  }) => {
    const suffix = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
    const mobile = `+9689${suffix.slice(-7)}`;
    const email = `e2e-${suffix}@example.om`;
    await db.transaction(async (tx) => {
      await notify(tx, {
        channel: "sms",
        recipient: mobile,
        template: "worker.grievance-closing.sms",
        locale,
        params: {
          reference: "WA-2026-004217",
          establishment: "Al Noor",
          deadline: "2026-08-03",
          url: `http://localhost/${locale}/worker`,
        },
      });
      await notify(tx, {
        channel: "email",
        recipient: email,
        template: "worker.grievance-closing.email",
        locale,
        params: {
          name: "<b>Rahul</b>",
          reference: "WA-2026-004217",
          establishment: "Al Noor",
          deadline: "2026-08-03",
          url: `http://localhost/${locale}/worker`,
        },
      });
    });

    const sms = page.locator(`[data-testid="outbox-message"][data-recipient="${mobile}"]`);
    const mail = page.locator(`[data-testid="outbox-message"][data-recipient="${email}"]`);
    await expect(async () => {
      await page.goto(`/${locale}/dev/outbox`);
      await expect(sms).toHaveAttribute("data-status", "delivered", { timeout: 500 });
      await expect(mail).toHaveAttribute("data-status", "delivered", { timeout: 500 });
    }).toPass({ timeout: 10_000 });

    await expect(sms.getByTestId("sms-segments")).toHaveAttribute(
      "data-segments",
      locale === "ar" ? "2" : "1",
    );
    const frame = mail.frameLocator("iframe");
    await expect(frame.locator("html")).toHaveAttribute("dir", locale === "ar" ? "rtl" : "ltr");
    await expect(frame.locator("body")).toContainText("WA-2026-004217");
    // The name is text, not markup.
    await expect(frame.locator("body")).toContainText("<b>Rahul</b>");
    await expect(frame.locator("b")).toHaveCount(0);
  });
}
