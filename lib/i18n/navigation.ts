/**
 * Locale-aware navigation. Only a Link: our own (components/i18n/link.tsx), not next-intl's createNavigation,
 * whose Link is a client component that needs next-intl's client provider; merely importing createNavigation
 * here put next-intl's client runtime (message formatting included) into the JavaScript of every page.
 * Redirects use next/navigation with the locale in the path.
 */
export { Link } from "@/components/i18n/link";
