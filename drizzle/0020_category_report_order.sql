DROP INDEX "report_category_idx";--> statement-breakpoint
CREATE INDEX "report_category_idx" ON "report" USING btree ("category_id","id");