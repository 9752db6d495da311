CREATE TABLE "event" (
	"id" serial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"all_day" boolean DEFAULT false NOT NULL,
	"rrule" text,
	"exceptions" text[] DEFAULT '{}' NOT NULL,
	"additions" text[] DEFAULT '{}' NOT NULL,
	"location_name" text,
	"address" text,
	"point" geometry(Point,4326),
	"municipality_ags" text NOT NULL,
	"categories" text[] NOT NULL,
	"is_free" boolean DEFAULT false NOT NULL,
	"price" text,
	"organiser" text,
	"contact" text,
	"registration_url" text,
	"accessible" boolean DEFAULT false NOT NULL,
	"accessibility_notes" text,
	"image_key" text,
	"thumb_key" text,
	"image_alt" text,
	"status" text NOT NULL,
	"review_comment" text,
	"submitted_by" uuid,
	"rights_confirmed_at" timestamp with time zone,
	"cancelled" boolean DEFAULT false NOT NULL,
	"source_id" integer,
	"external_uid" text,
	"source_fingerprint" text,
	"sequence" integer DEFAULT 0 NOT NULL,
	"demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	CONSTRAINT "event_end_check" CHECK ("event"."ends_at" >= "event"."starts_at"),
	CONSTRAINT "event_status_check" CHECK ("event"."status" in ('submitted','returned','published','withdrawn'))
);
--> statement-breakpoint
CREATE TABLE "event_occurrence" (
	"event_id" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	CONSTRAINT "event_occurrence_event_id_starts_at_pk" PRIMARY KEY("event_id","starts_at")
);
--> statement-breakpoint
CREATE TABLE "event_source" (
	"id" serial PRIMARY KEY NOT NULL,
	"municipality_ags" text NOT NULL,
	"url" text NOT NULL,
	"name" text NOT NULL,
	"default_category" text NOT NULL,
	"last_fetched_at" timestamp with time zone,
	"last_status" text,
	"last_message" text,
	"event_count" integer DEFAULT 0 NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "event" ADD CONSTRAINT "event_municipality_ags_municipality_ags_fk" FOREIGN KEY ("municipality_ags") REFERENCES "public"."municipality"("ags") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event" ADD CONSTRAINT "event_submitted_by_account_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."account"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event" ADD CONSTRAINT "event_source_id_event_source_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."event_source"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_occurrence" ADD CONSTRAINT "event_occurrence_event_id_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."event"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_source" ADD CONSTRAINT "event_source_municipality_ags_municipality_ags_fk" FOREIGN KEY ("municipality_ags") REFERENCES "public"."municipality"("ags") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "event_status_municipality_idx" ON "event" USING btree ("status","municipality_ags");--> statement-breakpoint
CREATE INDEX "event_categories_idx" ON "event" USING gin ("categories");--> statement-breakpoint
CREATE INDEX "event_submitted_by_idx" ON "event" USING btree ("submitted_by");--> statement-breakpoint
CREATE INDEX "event_point_idx" ON "event" USING gist ("point");--> statement-breakpoint
CREATE UNIQUE INDEX "event_source_uid_key" ON "event" USING btree ("source_id","external_uid");--> statement-breakpoint
CREATE INDEX "event_occurrence_starts_idx" ON "event_occurrence" USING btree ("starts_at","event_id");--> statement-breakpoint
CREATE INDEX "event_occurrence_ends_idx" ON "event_occurrence" USING btree ("ends_at");--> statement-breakpoint
CREATE UNIQUE INDEX "event_source_url_key" ON "event_source" USING btree ("municipality_ags","url");