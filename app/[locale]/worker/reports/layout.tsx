import type { ReactNode } from "react";
import { AreaMessages } from "@/components/layout/area-messages";

/** A report's page and the grievance form: the client forms here get their area's messages (the rest of the area's pages need none). */
export default function WorkerReportsLayout({ children }: { children: ReactNode }) {
  return <AreaMessages area="worker">{children}</AreaMessages>;
}
