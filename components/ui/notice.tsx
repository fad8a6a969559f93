import type { ReactNode } from "react";

export function Notice({
  children,
  tone = "info",
}: {
  children: ReactNode;
  tone?: "info" | "success" | "warning";
}) {
  const border =
    tone === "success" ? "border-brand-600" : tone === "warning" ? "border-danger" : "border-ink";
  return (
    <div role={tone === "warning" ? "alert" : "status"} className={`mb-6 border-s-8 ${border} bg-white p-4`}>
      {children}
    </div>
  );
}
