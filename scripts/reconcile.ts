/**
 * `npm run payments:reconcile`: settles, once, every payment whose webhook did not arrive (see
 * lib/payments/reconcile.ts). The jobs issue runs the same function on a schedule.
 * Options: --older-than=<minutes> (default: PAYMENT_SETTINGS.reconcileAfterMinutes).
 */
import { sqlClient } from "@/db";
import { reconcilePayments } from "@/lib/payments/reconcile";

async function main(): Promise<void> {
  const arg = process.argv.find((a) => a.startsWith("--older-than="));
  const olderThanMinutes = arg ? Number(arg.split("=")[1]) : undefined;
  if (olderThanMinutes !== undefined && !(olderThanMinutes >= 0))
    throw new Error("--older-than must be a number of minutes");
  try {
    const summary = await reconcilePayments({ olderThanMinutes });
    console.log(JSON.stringify(summary));
    if (summary.errors > 0) process.exitCode = 1;
  } finally {
    await sqlClient().end({ timeout: 5 });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
