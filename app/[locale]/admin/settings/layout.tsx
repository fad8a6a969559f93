import type { ReactNode } from "react";
import { AreaMessages } from "@/components/layout/area-messages";

/** Fee table and rollout schedule: the client forms here get their area's messages (the rest of the area's pages need none). */
export default function AdminSettingsLayout({ children }: { children: ReactNode }) {
  return <AreaMessages area="admin">{children}</AreaMessages>;
}
