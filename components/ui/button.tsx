import type { ButtonHTMLAttributes } from "react";

type Props = ButtonHTMLAttributes<HTMLButtonElement> & { variant?: "primary" | "secondary" | "warning" };

const styles = {
  primary: "bg-brand-600 text-white hover:bg-brand-700 shadow-[0_2px_0_#032a1e]",
  secondary: "bg-gray-200 text-ink hover:bg-gray-300 shadow-[0_2px_0_#929191]",
  warning: "bg-danger text-white hover:bg-red-800 shadow-[0_2px_0_#55150f]",
} as const;

export function Button({ variant = "primary", className, type = "submit", ...rest }: Props) {
  return (
    <button
      type={type}
      className={`inline-block px-5 py-2.5 text-base font-semibold disabled:opacity-60 ${styles[variant]} ${className ?? ""}`}
      {...rest}
    />
  );
}
