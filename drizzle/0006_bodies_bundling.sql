CREATE TABLE "agenda_item" (
	"id" serial PRIMARY KEY NOT NULL,
	"meeting_id" integer NOT NULL,
	"position" integer NOT NULL,
	"number" text NOT NULL,
	"title" text NOT NULL,
	"is_public" boolean DEFAULT true NOT NULL,
	"paper_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "body" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"short_name" text NOT NULL,
	"kind" text NOT NULL,
	"action_field_id" integer,
	"description" text,
	"rule_kind" text DEFAULT 'unanimous' NOT NULL,
	"abstention_blocks" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "body_kind_check" CHECK ("body"."kind" in ('steering_group','working_group','other')),
	CONSTRAINT "body_rule_check" CHECK ("body"."rule_kind" in ('unanimous','majority'))
);
--> statement-breakpoint
CREATE TABLE "body_file" (
	"id" serial PRIMARY KEY NOT NULL,
	"paper_id" integer,
	"meeting_id" integer,
	"title" text NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"byte_size" integer NOT NULL,
	"storage_key" text NOT NULL,
	"is_public" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "body_file_owner_check" CHECK (("body_file"."paper_id" is null) <> ("body_file"."meeting_id" is null))
);
--> statement-breakpoint
CREATE TABLE "decision" (
	"id" serial PRIMARY KEY NOT NULL,
	"agenda_item_id" integer NOT NULL,
	"text" text,
	"rule" jsonb NOT NULL,
	"votes" jsonb NOT NULL,
	"tally" jsonb NOT NULL,
	"result" text NOT NULL,
	"corrects" integer,
	"correction_reason" text,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "decision_result_check" CHECK ("decision"."result" in ('adopted','rejected','inquorate')),
	CONSTRAINT "decision_correction_check" CHECK (("decision"."corrects" is null) = ("decision"."correction_reason" is null))
);
--> statement-breakpoint
CREATE TABLE "legislative_term" (
	"id" serial PRIMARY KEY NOT NULL,
	"body_id" integer NOT NULL,
	"name" text NOT NULL,
	"start_on" date NOT NULL,
	"end_on" date
);
--> statement-breakpoint
CREATE TABLE "meeting" (
	"id" serial PRIMARY KEY NOT NULL,
	"body_id" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone,
	"location_text" text,
	"online_url" text,
	"status" text DEFAULT 'planned' NOT NULL,
	"public_minutes" text,
	"closed_minutes" text,
	"invited_at" timestamp with time zone,
	"ics_sequence" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_status_check" CHECK ("meeting"."status" in ('planned','invited','held','cancelled')),
	CONSTRAINT "meeting_end_check" CHECK ("meeting"."ends_at" is null or "meeting"."ends_at" >= "meeting"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "membership" (
	"id" serial PRIMARY KEY NOT NULL,
	"body_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"municipality_ags" text,
	"role" text DEFAULT 'member' NOT NULL,
	"voting_role" text,
	"start_on" date NOT NULL,
	"end_on" date,
	CONSTRAINT "membership_voter_check" CHECK ("membership"."voting_role" is null or "membership"."municipality_ags" is not null),
	CONSTRAINT "membership_role_check" CHECK ("membership"."role" in ('chair','member','deputy'))
);
--> statement-breakpoint
CREATE TABLE "paper" (
	"id" serial PRIMARY KEY NOT NULL,
	"reference" text NOT NULL,
	"title" text NOT NULL,
	"paper_type" text NOT NULL,
	"origin_ags" text,
	"text" text NOT NULL,
	"paper_date" date NOT NULL,
	"demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "paper_measure" (
	"paper_id" integer NOT NULL,
	"measure_id" integer NOT NULL,
	CONSTRAINT "paper_measure_paper_id_measure_id_pk" PRIMARY KEY("paper_id","measure_id")
);
--> statement-breakpoint
CREATE TABLE "person" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"title" text,
	"municipality_ags" text,
	"email" text,
	"account_id" uuid,
	"demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bundle" (
	"id" serial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"cpv_division" text NOT NULL,
	"measure_id" integer,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bundle_comment" (
	"id" serial PRIMARY KEY NOT NULL,
	"bundle_id" integer NOT NULL,
	"text" text NOT NULL,
	"author_name" text NOT NULL,
	"author_id" uuid,
	"ags" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bundle_plan" (
	"bundle_id" integer NOT NULL,
	"plan_id" integer NOT NULL,
	CONSTRAINT "bundle_plan_bundle_id_plan_id_pk" PRIMARY KEY("bundle_id","plan_id")
);
--> statement-breakpoint
CREATE TABLE "procurement_plan" (
	"id" serial PRIMARY KEY NOT NULL,
	"ags" text NOT NULL,
	"subject" text NOT NULL,
	"cpv_division" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"quantity" text,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"estimated_value_cents" bigint NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "procurement_plan_cpv_check" CHECK ("procurement_plan"."cpv_division" ~ '^[0-9]{2}$'),
	CONSTRAINT "procurement_plan_period_check" CHECK ("procurement_plan"."period_end" >= "procurement_plan"."period_start"),
	CONSTRAINT "procurement_plan_value_check" CHECK ("procurement_plan"."estimated_value_cents" >= 0)
);
--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "attachments" jsonb;--> statement-breakpoint
ALTER TABLE "agenda_item" ADD CONSTRAINT "agenda_item_meeting_id_meeting_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meeting"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_item" ADD CONSTRAINT "agenda_item_paper_id_paper_id_fk" FOREIGN KEY ("paper_id") REFERENCES "public"."paper"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "body" ADD CONSTRAINT "body_action_field_id_action_field_id_fk" FOREIGN KEY ("action_field_id") REFERENCES "public"."action_field"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "body_file" ADD CONSTRAINT "body_file_paper_id_paper_id_fk" FOREIGN KEY ("paper_id") REFERENCES "public"."paper"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "body_file" ADD CONSTRAINT "body_file_meeting_id_meeting_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meeting"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision" ADD CONSTRAINT "decision_agenda_item_id_agenda_item_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."agenda_item"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision" ADD CONSTRAINT "decision_corrects_decision_id_fk" FOREIGN KEY ("corrects") REFERENCES "public"."decision"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legislative_term" ADD CONSTRAINT "legislative_term_body_id_body_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."body"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting" ADD CONSTRAINT "meeting_body_id_body_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."body"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership" ADD CONSTRAINT "membership_body_id_body_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."body"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership" ADD CONSTRAINT "membership_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership" ADD CONSTRAINT "membership_municipality_ags_municipality_ags_fk" FOREIGN KEY ("municipality_ags") REFERENCES "public"."municipality"("ags") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper" ADD CONSTRAINT "paper_origin_ags_municipality_ags_fk" FOREIGN KEY ("origin_ags") REFERENCES "public"."municipality"("ags") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_measure" ADD CONSTRAINT "paper_measure_paper_id_paper_id_fk" FOREIGN KEY ("paper_id") REFERENCES "public"."paper"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_measure" ADD CONSTRAINT "paper_measure_measure_id_measure_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measure"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person" ADD CONSTRAINT "person_municipality_ags_municipality_ags_fk" FOREIGN KEY ("municipality_ags") REFERENCES "public"."municipality"("ags") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person" ADD CONSTRAINT "person_account_id_account_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."account"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bundle" ADD CONSTRAINT "bundle_measure_id_measure_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measure"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bundle_comment" ADD CONSTRAINT "bundle_comment_bundle_id_bundle_id_fk" FOREIGN KEY ("bundle_id") REFERENCES "public"."bundle"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bundle_comment" ADD CONSTRAINT "bundle_comment_author_id_account_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."account"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bundle_comment" ADD CONSTRAINT "bundle_comment_ags_municipality_ags_fk" FOREIGN KEY ("ags") REFERENCES "public"."municipality"("ags") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bundle_plan" ADD CONSTRAINT "bundle_plan_bundle_id_bundle_id_fk" FOREIGN KEY ("bundle_id") REFERENCES "public"."bundle"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bundle_plan" ADD CONSTRAINT "bundle_plan_plan_id_procurement_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."procurement_plan"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurement_plan" ADD CONSTRAINT "procurement_plan_ags_municipality_ags_fk" FOREIGN KEY ("ags") REFERENCES "public"."municipality"("ags") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "agenda_item_position_key" ON "agenda_item" USING btree ("meeting_id","position");--> statement-breakpoint
CREATE INDEX "agenda_item_paper_idx" ON "agenda_item" USING btree ("paper_id");--> statement-breakpoint
CREATE UNIQUE INDEX "body_short_name_key" ON "body" USING btree ("short_name");--> statement-breakpoint
CREATE INDEX "body_file_paper_idx" ON "body_file" USING btree ("paper_id");--> statement-breakpoint
CREATE INDEX "body_file_meeting_idx" ON "body_file" USING btree ("meeting_id");--> statement-breakpoint
CREATE UNIQUE INDEX "body_file_storage_key" ON "body_file" USING btree ("storage_key");--> statement-breakpoint
CREATE INDEX "decision_item_idx" ON "decision" USING btree ("agenda_item_id","id");--> statement-breakpoint
CREATE INDEX "decision_recorded_idx" ON "decision" USING btree ("recorded_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "decision_corrects_key" ON "decision" USING btree ("corrects");--> statement-breakpoint
CREATE INDEX "legislative_term_body_idx" ON "legislative_term" USING btree ("body_id","start_on");--> statement-breakpoint
CREATE INDEX "meeting_body_idx" ON "meeting" USING btree ("body_id","starts_at");--> statement-breakpoint
CREATE INDEX "meeting_starts_idx" ON "meeting" USING btree ("starts_at","id");--> statement-breakpoint
CREATE INDEX "membership_body_idx" ON "membership" USING btree ("body_id","municipality_ags");--> statement-breakpoint
CREATE INDEX "membership_person_idx" ON "membership" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "membership_current_voter_key" ON "membership" USING btree ("body_id","municipality_ags","voting_role") WHERE "membership"."end_on" is null and "membership"."voting_role" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "paper_reference_key" ON "paper" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "paper_date_idx" ON "paper" USING btree ("paper_date","id");--> statement-breakpoint
CREATE INDEX "paper_measure_measure_idx" ON "paper_measure" USING btree ("measure_id");--> statement-breakpoint
CREATE INDEX "person_municipality_idx" ON "person" USING btree ("municipality_ags");--> statement-breakpoint
CREATE INDEX "bundle_comment_bundle_idx" ON "bundle_comment" USING btree ("bundle_id","id");--> statement-breakpoint
CREATE INDEX "bundle_plan_plan_idx" ON "bundle_plan" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "procurement_plan_division_idx" ON "procurement_plan" USING btree ("cpv_division","period_start");--> statement-breakpoint
CREATE INDEX "procurement_plan_ags_idx" ON "procurement_plan" USING btree ("ags");--> statement-breakpoint
CREATE INDEX "procurement_plan_text_trgm_idx" ON "procurement_plan" USING gin (("subject" || ' ' || "description") gin_trgm_ops);