/**
 * npm run stats:verify — recounts the statistics from the reports, deposits and grievances and compares the
 * result with the running totals the database keeps (report_stats + report_stats_delta). Prints every
 * difference and exits 1 on any; 0 when they agree. Read-only. Uses DATABASE_URL (else the embedded database).
 */
async function main() {
  const { ensureDatabase, sqlClient } = await import("../db");
  const { verifyStatistics } = await import("../lib/admin/statistics-summary");
  const started = Date.now();
  await ensureDatabase();
  const { differences, totals } = await verifyStatistics(200);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (differences.length === 0) {
    console.log(`stats:verify: the ${totals} running totals match a full recount (${seconds} s)`);
  } else {
    console.error(
      `stats:verify: ${differences.length === 200 ? "200 or more" : differences.length} totals differ from a full recount:`,
    );
    for (const d of differences) {
      const changed = Object.keys(d.kept).filter(
        (k) => d.kept[k as keyof typeof d.kept] !== d.recounted[k as keyof typeof d.recounted],
      );
      console.error(
        `  ${d.grain} ${d.period} scope=${d.scope || "national"} ${d.kind}:${d.key} ` +
          changed
            .map(
              (k) =>
                `${k} kept ${d.kept[k as keyof typeof d.kept]}, recounted ${d.recounted[k as keyof typeof d.recounted]}`,
            )
            .join("; "),
      );
    }
    process.exitCode = 1;
  }
  await sqlClient().end({ timeout: 5 });
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
