import type { ReactNode } from "react";

export type TagTone = "grey" | "yellow" | "blue" | "green" | "red" | "purple" | "dark";

/** Light background, dark text of the same hue, and a border: readable without colour too (the text says it). */
const tones: Record<TagTone, string> = {
  grey: "bg-gray-100 text-gray-800 border-gray-400",
  yellow: "bg-yellow-100 text-yellow-900 border-yellow-500",
  blue: "bg-blue-50 text-blue-900 border-blue-500",
  green: "bg-brand-50 text-brand-800 border-brand-600",
  red: "bg-red-50 text-red-900 border-red-600",
  purple: "bg-purple-50 text-purple-900 border-purple-500",
  dark: "bg-gray-700 text-white border-gray-800",
};

export function Tag({
  tone,
  children,
  className,
}: {
  tone: TagTone;
  children: ReactNode;
  className?: string;
}) {
  return (
    <strong
      className={`inline-block whitespace-nowrap border px-2 py-0.5 text-sm font-semibold leading-snug ${tones[tone]} ${className ?? ""}`}
    >
      {children}
    </strong>
  );
}
