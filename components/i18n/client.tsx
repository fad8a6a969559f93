"use client";

/**
 * next-intl's `useTranslations` and `useLocale` for client components, with the same types, but formatted by
 * lib/i18n/format-message.ts instead of intl-messageformat: the forms keep their code, and the browser does
 * not download a message-format runtime. The messages come from ClientMessages (a server component), which
 * sends only the namespaces the components inside it read.
 */
import { createContext, useContext, type ReactNode } from "react";
import type * as NextIntl from "next-intl";
import { formatMessage, type Params } from "@/lib/i18n/format-message";
import type { MessageTree } from "@/lib/i18n/pick-messages";

type Context = { locale: string; messages: MessageTree };
const MessagesContext = createContext<Context | null>(null);

export function MessagesProvider({ locale, messages, children }: Context & { children: ReactNode }) {
  return <MessagesContext.Provider value={{ locale, messages }}>{children}</MessagesContext.Provider>;
}

function useMessagesContext(): Context {
  const context = useContext(MessagesContext);
  if (!context) throw new Error("a client component reads messages outside <ClientMessages>");
  return context;
}

function lookup(tree: MessageTree, path: string): string | MessageTree | undefined {
  let node: string | MessageTree | undefined = tree;
  for (const key of path.split(".")) {
    if (node === undefined || typeof node === "string") return undefined;
    node = node[key];
  }
  return node;
}

function translations(namespace?: string) {
  // eslint-disable-next-line react-hooks/rules-of-hooks -- called only from the hook below
  const { locale, messages } = useMessagesContext();
  const full = (key: string) => (namespace ? `${namespace}.${key}` : key);
  const t = (key: string, params?: Params): string => {
    const message = lookup(messages, full(key));
    if (typeof message !== "string") {
      console.error(`missing message "${full(key)}" (not sent by ClientMessages?)`);
      return full(key);
    }
    return formatMessage(message, params, locale);
  };
  t.has = (key: string) => typeof lookup(messages, full(key)) === "string";
  return t;
}

export const useTranslations = ((namespace?: string) =>
  translations(namespace)) as unknown as typeof NextIntl.useTranslations;
export const useLocale = (() => useMessagesContext().locale) as unknown as typeof NextIntl.useLocale;
