import type { ReactNode } from "react";
import { AreaMessages } from "@/components/layout/area-messages";

/** Filing, payment, cancellation and refund pages: the client forms here get their area's messages (the rest of the area's pages need none). */
export default function EmployerReportsLayout({ children }: { children: ReactNode }) {
  return <AreaMessages area="employer">{children}</AreaMessages>;
}
