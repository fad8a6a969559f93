"use client";

import { Suspense } from "react";
import NextLink from "next/link";
import { usePathname, useSearchParams } from "next/navigation";

type Props = { target: "ar" | "en"; label: string; title: string };

/** The same page in the other language: every path starts with its locale ("localePrefix: always"). */
function switchedPath(pathname: string, target: string): string {
  const rest = pathname.replace(/^\/(ar|en)(?=\/|$)/, "");
  return `/${target}${rest}`;
}

function SwitchWithQuery({ target, label, title }: Props) {
  const pathname = usePathname();
  const search = useSearchParams().toString();
  return (
    <NextLink
      href={`${switchedPath(pathname, target)}${search ? `?${search}` : ""}`}
      lang={target}
      hrefLang={target}
      title={title}
      className="underline"
      prefetch={false}
    >
      {label}
    </NextLink>
  );
}

/**
 * Switches the language and stays on the same page (and query). Plain Next.js (no next-intl client code): this
 * is in the header of every page, and the service's light pages must not carry an i18n runtime for one link.
 */
export function LanguageSwitch(props: Props) {
  const pathname = usePathname();
  return (
    <Suspense
      fallback={
        <NextLink
          href={switchedPath(pathname, props.target)}
          lang={props.target}
          hrefLang={props.target}
          title={props.title}
          className="underline"
          prefetch={false}
        >
          {props.label}
        </NextLink>
      }
    >
      <SwitchWithQuery {...props} />
    </Suspense>
  );
}
