import type { TagTone } from "@/components/ui/tag";

export const refundStatusTone: Record<
  "submitted" | "approved" | "refunded" | "failed" | "rejected",
  TagTone
> = {
  submitted: "yellow",
  approved: "blue",
  refunded: "green",
  failed: "red",
  rejected: "grey",
};

export const depositStatusTone: Record<
  "pending" | "paid" | "utilised" | "refunded" | "failed" | "expired",
  TagTone
> = {
  pending: "yellow",
  paid: "blue",
  utilised: "purple",
  refunded: "green",
  failed: "red",
  expired: "grey",
};

export const referralStatusTone: Record<"open" | "compliant" | "non_compliant", TagTone> = {
  open: "yellow",
  compliant: "green",
  non_compliant: "red",
};
