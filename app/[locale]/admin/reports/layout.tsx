import type { ReactNode } from "react";
import { AreaMessages } from "@/components/layout/area-messages";

/** A case and its decision form: the client forms here get their area's messages (the rest of the area's pages need none). */
export default function AdminReportsLayout({ children }: { children: ReactNode }) {
  return <AreaMessages area="admin">{children}</AreaMessages>;
}
