import { useId, type ReactNode } from "react";

/**
 * A wide table on a narrow screen: the table keeps every column and scrolls sideways inside this frame, and
 * below the `md` width a visible hint says so (no column is hidden off-screen without a word). The frame is a
 * named region that takes keyboard focus, so it can be scrolled with the arrow keys. `hint` and `label` come
 * from the page's catalogue (this component knows no words).
 */
export function ScrollTable({
  label,
  hint,
  children,
  className = "",
}: {
  /** What the table is (the region's accessible name). */
  label: string;
  /** "Scroll sideways to see every column", in the reader's language. */
  hint: string;
  children: ReactNode;
  className?: string;
}) {
  const hintId = `${useId()}-scroll-hint`;
  return (
    <div className={className}>
      <p id={hintId} className="mb-2 text-sm text-muted md:hidden" data-testid="scroll-hint">
        <span aria-hidden="true">↔ </span>
        {hint}
      </p>
      <div
        role="region"
        aria-label={label}
        aria-describedby={hintId}
        tabIndex={0}
        className="overflow-x-auto focus:outline-2 focus:outline-offset-2 focus:outline-brand-600"
      >
        {children}
      </div>
    </div>
  );
}
