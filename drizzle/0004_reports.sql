CREATE TABLE "reference_municipality" (
	"ags" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"district" text,
	"boundary" geometry(MultiPolygon,4326) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report" (
	"id" serial PRIMARY KEY NOT NULL,
	"token" uuid DEFAULT gen_random_uuid() NOT NULL,
	"category_id" integer NOT NULL,
	"municipality_id" integer NOT NULL,
	"district_id" integer,
	"location" geometry(Point,4326),
	"address" text,
	"place_description" text,
	"description" text NOT NULL,
	"public_description" text,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"media_url" text,
	"status" text DEFAULT 'received' NOT NULL,
	"status_note" text,
	"source" text NOT NULL,
	"api_key_id" integer,
	"reporter_name" text,
	"reporter_email" text,
	"reporter_account_id" uuid,
	"reporter_locale" text DEFAULT 'de' NOT NULL,
	"confirmation_hash" text,
	"assignee_id" uuid,
	"team_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_at" timestamp with time zone,
	"first_response_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"escalated_at" timestamp with time zone,
	"erased_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "report_event" (
	"id" serial PRIMARY KEY NOT NULL,
	"report_id" integer NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor_name" text,
	"municipality_id" integer NOT NULL,
	"status" text,
	"text" text,
	"is_public" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_photo" (
	"id" serial PRIMARY KEY NOT NULL,
	"report_id" integer NOT NULL,
	"file_key" text NOT NULL,
	"thumb_key" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"bytes" integer NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"sort_order" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_question" (
	"id" serial PRIMARY KEY NOT NULL,
	"report_id" integer NOT NULL,
	"token_hash" text NOT NULL,
	"question" text NOT NULL,
	"asked_by" uuid,
	"asked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "report_saved_view" (
	"id" serial PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"name" text NOT NULL,
	"query" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_support" (
	"id" serial PRIMARY KEY NOT NULL,
	"report_id" integer NOT NULL,
	"account_id" uuid,
	"email" text,
	"locale" text DEFAULT 'de' NOT NULL,
	"notify" boolean DEFAULT false NOT NULL,
	"confirmation_hash" text,
	"confirmed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_team" (
	"id" serial PRIMARY KEY NOT NULL,
	"municipality_id" integer NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"category_codes" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "routing_rule" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"category_id" integer NOT NULL,
	"layer" geometry(Geometry,4326),
	"buffer_metres" integer DEFAULT 0 NOT NULL,
	"target_name" text NOT NULL,
	"target_email" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_key" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"key_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"municipality_ags" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "gazetteer_address" (
	"id" serial PRIMARY KEY NOT NULL,
	"street" text NOT NULL,
	"house_number" text NOT NULL,
	"postcode" text,
	"locality" text,
	"municipality_id" integer,
	"point" geometry(Point,4326) NOT NULL,
	"folded" text NOT NULL,
	"source" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "municipality" ADD COLUMN "reports_mailbox" text;--> statement-breakpoint
ALTER TABLE "municipality" ADD COLUMN "reports_digest" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "topic" text;--> statement-breakpoint
ALTER TABLE "report" ADD CONSTRAINT "report_category_id_report_category_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."report_category"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report" ADD CONSTRAINT "report_municipality_id_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report" ADD CONSTRAINT "report_district_id_district_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."district"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report" ADD CONSTRAINT "report_api_key_id_api_key_id_fk" FOREIGN KEY ("api_key_id") REFERENCES "public"."api_key"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report" ADD CONSTRAINT "report_reporter_account_id_account_id_fk" FOREIGN KEY ("reporter_account_id") REFERENCES "public"."account"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report" ADD CONSTRAINT "report_assignee_id_account_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."account"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report" ADD CONSTRAINT "report_team_id_report_team_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."report_team"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_event" ADD CONSTRAINT "report_event_report_id_report_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."report"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_event" ADD CONSTRAINT "report_event_actor_id_account_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."account"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_event" ADD CONSTRAINT "report_event_municipality_id_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_photo" ADD CONSTRAINT "report_photo_report_id_report_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."report"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_question" ADD CONSTRAINT "report_question_report_id_report_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."report"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_question" ADD CONSTRAINT "report_question_asked_by_account_id_fk" FOREIGN KEY ("asked_by") REFERENCES "public"."account"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_saved_view" ADD CONSTRAINT "report_saved_view_account_id_account_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."account"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_support" ADD CONSTRAINT "report_support_report_id_report_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."report"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_support" ADD CONSTRAINT "report_support_account_id_account_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."account"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_team" ADD CONSTRAINT "report_team_municipality_id_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipality"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routing_rule" ADD CONSTRAINT "routing_rule_category_id_report_category_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."report_category"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_key" ADD CONSTRAINT "api_key_municipality_ags_municipality_ags_fk" FOREIGN KEY ("municipality_ags") REFERENCES "public"."municipality"("ags") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "gazetteer_address" ADD CONSTRAINT "gazetteer_address_municipality_id_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipality"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reference_municipality_boundary_idx" ON "reference_municipality" USING gist ("boundary");--> statement-breakpoint
CREATE UNIQUE INDEX "report_token_key" ON "report" USING btree ("token");--> statement-breakpoint
CREATE UNIQUE INDEX "report_confirmation_key" ON "report" USING btree ("confirmation_hash");--> statement-breakpoint
CREATE INDEX "report_municipality_status_idx" ON "report" USING btree ("municipality_id","status","id");--> statement-breakpoint
CREATE INDEX "report_confirmed_idx" ON "report" USING btree ("confirmed_at");--> statement-breakpoint
CREATE INDEX "report_category_idx" ON "report" USING btree ("category_id");--> statement-breakpoint
CREATE INDEX "report_location_idx" ON "report" USING gist ("location");--> statement-breakpoint
CREATE INDEX "report_closed_idx" ON "report" USING btree ("closed_at") WHERE "report"."erased_at" is null;--> statement-breakpoint
CREATE INDEX "report_reporter_idx" ON "report" USING btree ("reporter_account_id");--> statement-breakpoint
CREATE INDEX "report_event_report_idx" ON "report_event" USING btree ("report_id","at");--> statement-breakpoint
CREATE INDEX "report_event_municipality_idx" ON "report_event" USING btree ("municipality_id","report_id");--> statement-breakpoint
CREATE INDEX "report_photo_report_idx" ON "report_photo" USING btree ("report_id","sort_order");--> statement-breakpoint
CREATE UNIQUE INDEX "report_photo_file_key" ON "report_photo" USING btree ("file_key");--> statement-breakpoint
CREATE UNIQUE INDEX "report_question_token_key" ON "report_question" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "report_question_report_idx" ON "report_question" USING btree ("report_id");--> statement-breakpoint
CREATE UNIQUE INDEX "report_saved_view_key" ON "report_saved_view" USING btree ("account_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "report_support_account_key" ON "report_support" USING btree ("report_id","account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "report_support_email_key" ON "report_support" USING btree ("report_id",lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "report_support_confirmation_key" ON "report_support" USING btree ("confirmation_hash");--> statement-breakpoint
CREATE INDEX "report_support_report_idx" ON "report_support" USING btree ("report_id") WHERE "report_support"."confirmed_at" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "report_team_name_key" ON "report_team" USING btree ("municipality_id","name");--> statement-breakpoint
CREATE INDEX "routing_rule_category_idx" ON "routing_rule" USING btree ("category_id");--> statement-breakpoint
CREATE INDEX "routing_rule_layer_idx" ON "routing_rule" USING gist ("layer");--> statement-breakpoint
CREATE UNIQUE INDEX "api_key_hash_key" ON "api_key" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "api_key_municipality_idx" ON "api_key" USING btree ("municipality_ags");--> statement-breakpoint
CREATE INDEX "gazetteer_address_point_idx" ON "gazetteer_address" USING gist ("point");--> statement-breakpoint
CREATE INDEX "gazetteer_address_folded_idx" ON "gazetteer_address" USING gin ("folded" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "mail_outbox_topic_idx" ON "mail_outbox" USING btree ("topic");