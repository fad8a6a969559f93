import { getTranslations } from "next-intl/server";
import { DEMO_ACCOUNTS } from "@/db/seed/data";
import { currentTotp } from "@/lib/auth/staff";
import { isDemoMode } from "@/lib/config";

/** Development and demo mode only: the seeded accounts, so the service can be tried without a workshop. */
export async function DemoAccounts({ kind }: { kind: "employer" | "staff" }) {
  if (!isDemoMode()) return null;
  const t = await getTranslations("signIn");
  const rows =
    kind === "employer"
      ? DEMO_ACCOUNTS.employer.map((a) => ({
          email: a.email,
          password: a.password,
          role: a.role,
          code: null as string | null,
        }))
      : DEMO_ACCOUNTS.staff.map((a) => ({
          email: a.email,
          password: a.password,
          role: a.role,
          code: currentTotp(a.totpSecret),
        }));
  return (
    <aside
      aria-labelledby="demo-accounts"
      className="mt-10 max-w-2xl border-2 border-dashed border-gray-400 bg-gray-50 p-4 text-sm"
    >
      <h2 id="demo-accounts" className="mb-2 font-bold">
        {t("demoTitle")}
      </h2>
      <ul className="space-y-1" dir="ltr">
        {rows.map((r) => (
          <li key={r.email} className="font-mono">
            {r.email} / {r.password} <span className="font-sans text-muted">({r.role})</span>
            {r.code ? (
              <span className="font-sans">
                {" "}
                — {t("demoCode")}: <span className="font-mono">{r.code}</span>
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </aside>
  );
}
