import type { ReactNode } from "react";

export function PageTitle({ children, lead, id }: { children: ReactNode; lead?: ReactNode; id?: string }) {
  return (
    <div className="mb-6">
      <h1 id={id} className="text-2xl font-bold sm:text-3xl">
        {children}
      </h1>
      {lead ? <p className="mt-3 max-w-2xl text-lg text-muted">{lead}</p> : null}
    </div>
  );
}
