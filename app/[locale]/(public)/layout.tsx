import type { ReactNode } from "react";
import { AreaMessages } from "@/components/layout/area-messages";

/** Sign-in, sign-up, password reset and invitation pages: their forms' messages reach the browser. */
export default function PublicLayout({ children }: { children: ReactNode }) {
  return <AreaMessages area="public">{children}</AreaMessages>;
}
