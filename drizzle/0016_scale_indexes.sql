CREATE TABLE "report_statistics_snapshot" (
	"year" integer PRIMARY KEY NOT NULL,
	"rows" jsonb NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"refreshing_since" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "municipality_sort_idx" ON "municipality" USING btree ("sort_order");--> statement-breakpoint
CREATE INDEX "report_municipality_confirmed_idx" ON "report" USING btree ("municipality_id","confirmed_at");