"use client";

import NextLink from "next/link";
import { useParams } from "next/navigation";
import type { ComponentProps } from "react";

type Query = Record<string, string | string[] | undefined>;
type Props = Omit<ComponentProps<typeof NextLink>, "href" | "locale"> & {
  /** A path without the locale ("/employer"), or a path and query; other links are left as they are. */
  href: string | { pathname: string; query?: Query };
  /** Another language than the page's. */
  locale?: "ar" | "en";
};

function localise(path: string, locale: string): string {
  if (!path.startsWith("/") || path.startsWith("//")) return path;
  return path === "/" ? `/${locale}` : `/${locale}${path}`;
}

/**
 * A link inside the service: the page's locale goes in front of the path ("localePrefix: always"). Replaces
 * next-intl's Link, which needs next-intl's client provider, and with it its message formatting runtime, on
 * every page that has a link; this needs only the route's `locale` parameter.
 */
export function Link({ href, locale, ...rest }: Props) {
  const params = useParams<{ locale?: string }>();
  const current = locale ?? params?.locale ?? "ar";
  const target =
    typeof href === "string"
      ? localise(href, current)
      : { ...href, pathname: localise(href.pathname, current) };
  return <NextLink href={target} {...rest} />;
}
