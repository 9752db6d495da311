CREATE TABLE "district" (
	"id" serial PRIMARY KEY NOT NULL,
	"municipality_id" integer NOT NULL,
	"name" text NOT NULL,
	"note" text,
	"sort_order" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "municipality" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"ags" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"inhabitants" integer NOT NULL,
	"inhabitants_date" date NOT NULL,
	"area_sq_km" numeric(8, 2) NOT NULL,
	"sort_order" integer NOT NULL,
	"description" jsonb NOT NULL,
	"contact" jsonb NOT NULL,
	"impressum_contact" jsonb NOT NULL,
	"privacy_contact" jsonb NOT NULL,
	"boundary" geometry(MultiPolygon,4326) NOT NULL,
	"boundary_source" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "region" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"short_name" text NOT NULL,
	"tagline" jsonb NOT NULL,
	"description" jsonb NOT NULL,
	"colours" jsonb NOT NULL,
	"coordination_office" jsonb NOT NULL,
	"data_licence" text NOT NULL,
	"source_file_hash" text NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "action_field" (
	"id" serial PRIMARY KEY NOT NULL,
	"number" integer NOT NULL,
	"title" jsonb NOT NULL,
	"description" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "goal" (
	"id" serial PRIMARY KEY NOT NULL,
	"number" integer NOT NULL,
	"short_title" jsonb NOT NULL,
	"text" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "goal_action_field" (
	"goal_id" integer NOT NULL,
	"action_field_id" integer NOT NULL,
	CONSTRAINT "goal_action_field_goal_id_action_field_id_pk" PRIMARY KEY("goal_id","action_field_id")
);
--> statement-breakpoint
CREATE TABLE "leitbild_revision" (
	"id" serial PRIMARY KEY NOT NULL,
	"content" jsonb NOT NULL,
	"author" text NOT NULL,
	"note" text NOT NULL,
	"restored_from" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_document" (
	"id" serial PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"ref" text NOT NULL,
	"locale" text NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"url" text NOT NULL,
	"folded_title" text NOT NULL,
	"folded_body" text NOT NULL,
	"vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('german'::regconfig, folded_title), 'A') || setweight(to_tsvector('german'::regconfig, folded_body), 'B')) STORED NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "accessibility_feedback" (
	"id" serial PRIMARY KEY NOT NULL,
	"message" text NOT NULL,
	"page" text,
	"email" text,
	"locale" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delete_after" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mail_outbox" (
	"id" serial PRIMARY KEY NOT NULL,
	"recipient" text NOT NULL,
	"reply_to" text,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "rate_limit" (
	"key" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"hits" integer NOT NULL,
	CONSTRAINT "rate_limit_key_window_start_pk" PRIMARY KEY("key","window_start")
);
--> statement-breakpoint
ALTER TABLE "district" ADD CONSTRAINT "district_municipality_id_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipality"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal_action_field" ADD CONSTRAINT "goal_action_field_goal_id_goal_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."goal"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal_action_field" ADD CONSTRAINT "goal_action_field_action_field_id_action_field_id_fk" FOREIGN KEY ("action_field_id") REFERENCES "public"."action_field"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "district_municipality_name_key" ON "district" USING btree ("municipality_id","name");--> statement-breakpoint
CREATE INDEX "district_name_idx" ON "district" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "municipality_slug_key" ON "municipality" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "municipality_ags_key" ON "municipality" USING btree ("ags");--> statement-breakpoint
CREATE INDEX "municipality_boundary_idx" ON "municipality" USING gist ("boundary");--> statement-breakpoint
CREATE UNIQUE INDEX "action_field_number_key" ON "action_field" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "goal_number_key" ON "goal" USING btree ("number");--> statement-breakpoint
CREATE INDEX "goal_action_field_field_idx" ON "goal_action_field" USING btree ("action_field_id");--> statement-breakpoint
CREATE INDEX "leitbild_revision_created_idx" ON "leitbild_revision" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "search_document_key" ON "search_document" USING btree ("source","ref","locale");--> statement-breakpoint
CREATE INDEX "search_document_vector_idx" ON "search_document" USING gin ("vector");--> statement-breakpoint
CREATE INDEX "search_document_title_trgm_idx" ON "search_document" USING gin ("folded_title" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "search_document_locale_idx" ON "search_document" USING btree ("locale");--> statement-breakpoint
CREATE INDEX "accessibility_feedback_delete_idx" ON "accessibility_feedback" USING btree ("delete_after");--> statement-breakpoint
CREATE INDEX "mail_outbox_status_idx" ON "mail_outbox" USING btree ("status","id");