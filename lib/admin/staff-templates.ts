import { defineTemplates } from "@/lib/notifications/template-spec";

/** The e-mail a supervisor's invitation sends (words: messages/templates-staff; merged into lib/notifications/templates.ts). */
export const staffTemplates = defineTemplates({
  "staff.invitation": {
    channel: "email",
    params: { name: "text", inviter: "text", role: ["reviewer", "finance", "supervisor"], url: "text" },
  },
});
