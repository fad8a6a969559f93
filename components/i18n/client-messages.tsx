import type { ReactNode } from "react";
import { getLocale, getMessages } from "next-intl/server";
import { MessagesProvider } from "@/components/i18n/client";
import { pickMessages, type MessageTree } from "@/lib/i18n/pick-messages";

/** What every client form needs: the error summary's title and the page title's "Error:" prefix. */
const SHARED = ["meta.errorPrefix", "form"] as const;

/**
 * Gives the client components inside it the messages they read, and only those (components/i18n/client.tsx):
 * the layout does not wrap the site in next-intl's client provider, so no page downloads next-intl's client
 * runtime, and a page's React Server Components payload carries only the text its forms need.
 */
export async function ClientMessages({
  namespaces,
  children,
}: {
  namespaces: readonly string[];
  children: ReactNode;
}) {
  const [all, locale] = await Promise.all([getMessages(), getLocale()]);
  return (
    <MessagesProvider
      locale={locale}
      messages={pickMessages(all as unknown as MessageTree, [...SHARED, ...namespaces])}
    >
      {children}
    </MessagesProvider>
  );
}
