import { Link } from "@/lib/i18n/navigation";

/** "Back to …" above a page's heading. */
export function BackLink({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <p className="mb-4">
      <Link href={href} className="text-brand-800 underline">
        {children}
      </Link>
    </p>
  );
}
