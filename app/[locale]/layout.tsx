import "@fontsource-variable/noto-sans-arabic";
import "@fontsource-variable/noto-sans";
import "../globals.css";
import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { SiteHeader } from "@/components/layout/site-header";
import { SiteFooter } from "@/components/layout/site-footer";
import { getActor } from "@/lib/auth/config";
import { directionOf, isLocale, locales } from "@/lib/i18n/routing";

export function generateStaticParams() {
  return locales.map((locale) => ({ locale }));
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export async function generateMetadata({
  params,
}: {
  params: Promise<{ locale: string }>;
}): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const t = await getTranslations({ locale, namespace: "meta" });
  return {
    title: { template: t("title", { page: "%s" }), default: t("serviceName") },
    description: t("description"),
    icons: { icon: "/icon.svg" },
  };
}

export default async function LocaleLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ locale: string }>;
}) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  setRequestLocale(locale);
  const [actor, t] = await Promise.all([getActor(), getTranslations("shell")]);
  return (
    <html lang={locale} dir={directionOf(locale)}>
      <body className="flex min-h-screen flex-col bg-white font-sans text-base leading-relaxed">
        <a
          href="#main"
          className="sr-only bg-focus p-3 text-ink focus:not-sr-only focus:absolute focus:start-2 focus:top-2 focus:z-50"
        >
          {t("skipToContent")}
        </a>
        <SiteHeader locale={locale} actor={actor} />
        <main
          id="main"
          tabIndex={-1}
          className="mx-auto w-full max-w-5xl flex-1 px-4 py-8 focus:outline-none"
        >
          {children}
        </main>
        <SiteFooter />
      </body>
    </html>
  );
}
