import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { Link } from "@/lib/i18n/navigation";
import { PageTitle } from "@/components/ui/page-title";
import { Notice } from "@/components/ui/notice";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { ErrorSummaryBox, type SummaryItem } from "@/components/ui/error-summary-box";
import { DemoWorkers } from "@/components/worker/demo-workers";
import type { Locale } from "@/lib/i18n/routing";
import {
  requestWorkerCodeAction,
  resendWorkerCodeAction,
  verifyWorkerCodeAction,
} from "@/lib/workers/actions";
import { readPendingSignIn } from "@/lib/workers/sign-in-cookie";

type Search = { step?: string; error?: string; until?: string; sent?: string };

const CIVIL_ID_ERRORS = new Set(["civil_id_required", "civil_id_format"]);
const CODE_ERRORS = new Set(["code_required", "code_format", "code_invalid"]);
const KNOWN_ERRORS = new Set([
  ...CIVIL_ID_ERRORS,
  ...CODE_ERRORS,
  "code_locked",
  "code_locked_until",
  "too_many_codes",
  "start_again",
]);

export async function generateMetadata({
  params,
  searchParams,
}: {
  params: Promise<{ locale: Locale }>;
  searchParams: Promise<Search>;
}): Promise<Metadata> {
  const [{ locale }, { error, step }] = await Promise.all([params, searchParams]);
  const t = await getTranslations({ locale, namespace: "workerSignIn" });
  const tm = await getTranslations({ locale, namespace: "meta" });
  const title = step === "code" ? t("codeTitle") : t("title");
  return { title: error ? `${tm("errorPrefix")} ${title}` : title };
}

function timeOf(iso: string | undefined, locale: Locale): string {
  const d = iso ? new Date(iso) : null;
  if (!d || Number.isNaN(d.getTime())) return "";
  return new Intl.DateTimeFormat(locale === "ar" ? "ar-OM-u-nu-arab" : "en-OM", {
    timeStyle: "short",
    timeZone: "Asia/Muscat",
  }).format(d);
}

/**
 * "Log in with ID": civil ID, then a 6-digit code sent by SMS. Server-rendered plain forms: every step works
 * without JavaScript. Step 2 shows the same words whether or not the civil ID is in the registry.
 */
export default async function WorkerSignInPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: Locale }>;
  searchParams: Promise<Search>;
}) {
  const { locale } = await params;
  const search = await searchParams;
  setRequestLocale(locale);
  const t = await getTranslations("workerSignIn");
  const te = await getTranslations("workerErrors");
  const tRoot = await getTranslations();
  const pending = await readPendingSignIn();
  const codeStep = search.step === "code" && pending.civilId !== undefined;

  const error = search.error && KNOWN_ERRORS.has(search.error) ? search.error : undefined;
  const message = error ? te(error as "code_invalid", { time: timeOf(search.until, locale) }) : undefined;
  const fieldName =
    error && CIVIL_ID_ERRORS.has(error) ? "civilId" : error && CODE_ERRORS.has(error) ? "code" : undefined;
  const items: SummaryItem[] = message ? [{ field: fieldName, message }] : [];

  if (codeStep) {
    return (
      <>
        <ErrorSummaryBox
          items={items}
          title={tRoot("form.errorSummaryTitle")}
          errorPrefix={tRoot("meta.errorPrefix")}
        />
        <PageTitle>{t("codeTitle")}</PageTitle>
        <Notice tone={search.sent ? "success" : "info"}>
          <p>{t("codeSent")}</p>
          <p className="mt-2 font-semibold">
            {t.rich("forCivilId", { civilId: pending.civilId ?? "", ref: (c) => <bdi dir="ltr">{c}</bdi> })}
          </p>
        </Notice>
        <p className="mb-4 text-lg">{t("codeLead")}</p>
        <form action={verifyWorkerCodeAction} noValidate>
          <input type="hidden" name="locale" value={locale} />
          <TextField
            name="code"
            label={t("code")}
            hint={t("codeHint")}
            error={fieldName === "code" ? message : undefined}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={12}
            dir="ltr"
            spellCheck={false}
          />
          <Button>{t("signIn")}</Button>
        </form>
        <section aria-labelledby="resend" className="mt-10 max-w-2xl border-t-2 border-gray-300 pt-4">
          <h2 id="resend" className="mb-2 text-xl font-bold">
            {t("resendTitle")}
          </h2>
          <p className="mb-3">{t("resendLead")}</p>
          <form action={resendWorkerCodeAction} className="mb-4">
            <input type="hidden" name="locale" value={locale} />
            <Button variant="secondary">{t("resend")}</Button>
          </form>
          <p className="mb-2">
            <Link href="/sign-in/worker" className="text-brand-800 underline">
              {t("otherCivilId")}
            </Link>
          </p>
          <p>{t("changedPhone")}</p>
        </section>
        <DemoWorkers locale={locale} />
      </>
    );
  }

  return (
    <>
      <ErrorSummaryBox
        items={items}
        title={tRoot("form.errorSummaryTitle")}
        errorPrefix={tRoot("meta.errorPrefix")}
      />
      <PageTitle lead={t("lead")}>{t("title")}</PageTitle>
      <form action={requestWorkerCodeAction} noValidate>
        <input type="hidden" name="locale" value={locale} />
        <TextField
          name="civilId"
          label={t("civilId")}
          hint={t("civilIdHint")}
          error={fieldName === "civilId" ? message : undefined}
          defaultValue={pending.typed ?? pending.civilId ?? ""}
          inputMode="numeric"
          autoComplete="off"
          maxLength={20}
          dir="ltr"
          spellCheck={false}
        />
        <Button>{t("sendCode")}</Button>
      </form>
      <p className="mt-8 max-w-2xl">{t("changedPhone")}</p>
      <p className="mt-2">
        <Link href="/guide/worker" className="text-brand-800 underline">
          {t("guideLink")}
        </Link>
      </p>
      <DemoWorkers locale={locale} />
    </>
  );
}
