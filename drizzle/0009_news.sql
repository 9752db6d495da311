CREATE TABLE "news_item" (
	"id" serial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"teaser" text NOT NULL,
	"body" text NOT NULL,
	"municipality_ags" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"publish_at" timestamp with time zone,
	"author" text NOT NULL,
	"image_key" text,
	"thumb_key" text,
	"image_alt" text,
	"created_by" uuid,
	"demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "news_item_status_check" CHECK ("news_item"."status" in ('draft','published','archived')),
	CONSTRAINT "news_item_publish_check" CHECK ("news_item"."status" <> 'published' or "news_item"."publish_at" is not null)
);
--> statement-breakpoint
ALTER TABLE "news_item" ADD CONSTRAINT "news_item_municipality_ags_municipality_ags_fk" FOREIGN KEY ("municipality_ags") REFERENCES "public"."municipality"("ags") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_item" ADD CONSTRAINT "news_item_created_by_account_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."account"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "news_item_published_idx" ON "news_item" USING btree ("status","publish_at","id");--> statement-breakpoint
CREATE INDEX "news_item_municipality_idx" ON "news_item" USING btree ("municipality_ags","status","publish_at");