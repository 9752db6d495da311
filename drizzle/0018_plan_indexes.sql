CREATE INDEX "municipality_boundary_source_idx" ON "municipality" USING btree ("boundary_source");--> statement-breakpoint
CREATE INDEX "report_updated_idx" ON "report" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "event_updated_idx" ON "event" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "idea_updated_idx" ON "idea" USING btree ("updated_at");