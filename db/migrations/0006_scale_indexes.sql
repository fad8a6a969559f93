CREATE INDEX "cancellation_report_idx" ON "cancellation_requests" USING btree ("report_id","created_at");--> statement-breakpoint
CREATE INDEX "deposits_report_idx" ON "deposits" USING btree ("report_id","created_at");--> statement-breakpoint
CREATE INDEX "refund_report_idx" ON "refund_requests" USING btree ("report_id","created_at");--> statement-breakpoint
CREATE INDEX "refund_queue_order_idx" ON "refund_requests" USING btree ((case "status" when 'submitted' then 0 when 'approved' then 1 when 'failed' then 2 when 'rejected' then 3 else 4 end),"created_at","id");--> statement-breakpoint
CREATE INDEX "reports_establishment_status_idx" ON "reports" USING btree ("establishment_id","status","created_at","id");--> statement-breakpoint
CREATE INDEX "reports_submitted_idx" ON "reports" USING btree ("submitted_at");--> statement-breakpoint
CREATE INDEX "reports_grievance_deadline_idx" ON "reports" USING btree ("grievance_deadline");--> statement-breakpoint
CREATE INDEX "reports_legal_period_ends_idx" ON "reports" USING btree ("legal_period_ends");--> statement-breakpoint
CREATE INDEX "grievances_report_idx" ON "grievances" USING btree ("report_id","created_at");