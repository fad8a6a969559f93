"use client";

import { Suspense } from "react";
import { useSearchParams } from "next/navigation";
import { Link, usePathname } from "@/lib/i18n/navigation";

type Props = { target: "ar" | "en"; label: string; title: string };

function SwitchWithQuery({ target, label, title }: Props) {
  const pathname = usePathname();
  const search = useSearchParams().toString();
  return (
    <Link href={`${pathname}${search ? `?${search}` : ""}`} locale={target} lang={target} title={title} className="underline">
      {label}
    </Link>
  );
}

/** Switches the language and stays on the same page (and query). */
export function LanguageSwitch(props: Props) {
  const pathname = usePathname();
  return (
    <Suspense
      fallback={
        <Link href={pathname} locale={props.target} lang={props.target} title={props.title} className="underline">
          {props.label}
        </Link>
      }
    >
      <SwitchWithQuery {...props} />
    </Suspense>
  );
}
