CREATE TABLE "funding_application" (
	"id" serial PRIMARY KEY NOT NULL,
	"measure_id" integer NOT NULL,
	"programme_id" integer NOT NULL,
	"status" text DEFAULT 'preparing' NOT NULL,
	"eligible_costs_cents" bigint NOT NULL,
	"requested_cents" bigint NOT NULL,
	"granted_cents" bigint,
	"submit_by" date,
	"submitted_on" date,
	"granted_on" date,
	"proof_due_on" date,
	"responsible_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funding_application_status_check" CHECK ("funding_application"."status" in ('preparing','submitted','granted','rejected','settled')),
	CONSTRAINT "funding_application_amounts_check" CHECK ("funding_application"."requested_cents" >= 0 and "funding_application"."eligible_costs_cents" >= 0 and ("funding_application"."granted_cents" is null or "funding_application"."granted_cents" >= 0))
);
--> statement-breakpoint
CREATE TABLE "funding_programme" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"funder" text NOT NULL,
	"rate_basis_points" integer,
	"max_amount_cents" bigint,
	"deadlines" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"link" text,
	"notes" text,
	"active" boolean DEFAULT true NOT NULL,
	"demo" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "funding_programme_action_field" (
	"programme_id" integer NOT NULL,
	"action_field_id" integer NOT NULL,
	CONSTRAINT "funding_programme_action_field_programme_id_action_field_id_pk" PRIMARY KEY("programme_id","action_field_id")
);
--> statement-breakpoint
CREATE TABLE "funding_reminder" (
	"application_id" integer NOT NULL,
	"kind" text NOT NULL,
	"deadline" date NOT NULL,
	"days_before" integer NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funding_reminder_application_id_kind_deadline_days_before_pk" PRIMARY KEY("application_id","kind","deadline","days_before")
);
--> statement-breakpoint
CREATE TABLE "indicator" (
	"id" serial PRIMARY KEY NOT NULL,
	"goal_id" integer,
	"measure_id" integer,
	"name" text NOT NULL,
	"unit" text NOT NULL,
	"baseline" double precision,
	"target" double precision,
	"higher_is_better" boolean DEFAULT true NOT NULL,
	"demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicator_owner_check" CHECK (("indicator"."goal_id" is null) <> ("indicator"."measure_id" is null))
);
--> statement-breakpoint
CREATE TABLE "indicator_value" (
	"id" serial PRIMARY KEY NOT NULL,
	"indicator_id" integer NOT NULL,
	"measured_on" date NOT NULL,
	"value" double precision NOT NULL,
	"source" text
);
--> statement-breakpoint
CREATE TABLE "measure" (
	"id" serial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"lead_ags" text NOT NULL,
	"status" text DEFAULT 'idea' NOT NULL,
	"start_on" date,
	"end_on" date,
	"manual_progress" integer,
	"progress_reason" text,
	"contact" jsonb,
	"is_public" boolean DEFAULT true NOT NULL,
	"lighthouse" boolean DEFAULT false NOT NULL,
	"cost_key" jsonb NOT NULL,
	"demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "measure_status_check" CHECK ("measure"."status" in ('idea','planned','in_progress','completed','deferred')),
	CONSTRAINT "measure_progress_check" CHECK ("measure"."manual_progress" is null or ("measure"."manual_progress" between 0 and 100 and "measure"."progress_reason" is not null)),
	CONSTRAINT "measure_dates_check" CHECK ("measure"."end_on" is null or "measure"."start_on" is null or "measure"."end_on" >= "measure"."start_on")
);
--> statement-breakpoint
CREATE TABLE "measure_action_field" (
	"measure_id" integer NOT NULL,
	"action_field_id" integer NOT NULL,
	CONSTRAINT "measure_action_field_measure_id_action_field_id_pk" PRIMARY KEY("measure_id","action_field_id")
);
--> statement-breakpoint
CREATE TABLE "measure_attachment" (
	"id" serial PRIMARY KEY NOT NULL,
	"measure_id" integer NOT NULL,
	"title" text NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"byte_size" integer NOT NULL,
	"storage_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "measure_cost" (
	"measure_id" integer NOT NULL,
	"year" integer NOT NULL,
	"budget_cents" bigint DEFAULT 0 NOT NULL,
	"actual_cents" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "measure_cost_measure_id_year_pk" PRIMARY KEY("measure_id","year")
);
--> statement-breakpoint
CREATE TABLE "measure_goal" (
	"measure_id" integer NOT NULL,
	"goal_id" integer NOT NULL,
	CONSTRAINT "measure_goal_measure_id_goal_id_pk" PRIMARY KEY("measure_id","goal_id")
);
--> statement-breakpoint
CREATE TABLE "measure_milestone" (
	"id" serial PRIMARY KEY NOT NULL,
	"measure_id" integer NOT NULL,
	"title" text NOT NULL,
	"due_on" date NOT NULL,
	"done_on" date
);
--> statement-breakpoint
CREATE TABLE "measure_participant" (
	"measure_id" integer NOT NULL,
	"ags" text NOT NULL,
	CONSTRAINT "measure_participant_measure_id_ags_pk" PRIMARY KEY("measure_id","ags")
);
--> statement-breakpoint
CREATE TABLE "measure_relation" (
	"measure_id" integer NOT NULL,
	"related_id" integer NOT NULL,
	CONSTRAINT "measure_relation_measure_id_related_id_pk" PRIMARY KEY("measure_id","related_id"),
	CONSTRAINT "measure_relation_order_check" CHECK ("measure_relation"."measure_id" < "measure_relation"."related_id")
);
--> statement-breakpoint
CREATE TABLE "measure_update" (
	"id" serial PRIMARY KEY NOT NULL,
	"measure_id" integer NOT NULL,
	"text" text NOT NULL,
	"author_name" text NOT NULL,
	"author_id" uuid,
	"municipality_ags" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "funding_application" ADD CONSTRAINT "funding_application_measure_id_measure_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measure"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_application" ADD CONSTRAINT "funding_application_programme_id_funding_programme_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."funding_programme"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_application" ADD CONSTRAINT "funding_application_responsible_id_account_id_fk" FOREIGN KEY ("responsible_id") REFERENCES "public"."account"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_programme_action_field" ADD CONSTRAINT "funding_programme_action_field_programme_id_funding_programme_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."funding_programme"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_programme_action_field" ADD CONSTRAINT "funding_programme_action_field_action_field_id_action_field_id_fk" FOREIGN KEY ("action_field_id") REFERENCES "public"."action_field"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_reminder" ADD CONSTRAINT "funding_reminder_application_id_funding_application_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."funding_application"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator" ADD CONSTRAINT "indicator_goal_id_goal_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."goal"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator" ADD CONSTRAINT "indicator_measure_id_measure_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measure"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_value" ADD CONSTRAINT "indicator_value_indicator_id_indicator_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicator"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure" ADD CONSTRAINT "measure_lead_ags_municipality_ags_fk" FOREIGN KEY ("lead_ags") REFERENCES "public"."municipality"("ags") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_action_field" ADD CONSTRAINT "measure_action_field_measure_id_measure_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measure"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_action_field" ADD CONSTRAINT "measure_action_field_action_field_id_action_field_id_fk" FOREIGN KEY ("action_field_id") REFERENCES "public"."action_field"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_attachment" ADD CONSTRAINT "measure_attachment_measure_id_measure_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measure"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_cost" ADD CONSTRAINT "measure_cost_measure_id_measure_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measure"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_goal" ADD CONSTRAINT "measure_goal_measure_id_measure_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measure"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_goal" ADD CONSTRAINT "measure_goal_goal_id_goal_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."goal"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_milestone" ADD CONSTRAINT "measure_milestone_measure_id_measure_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measure"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_participant" ADD CONSTRAINT "measure_participant_measure_id_measure_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measure"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_participant" ADD CONSTRAINT "measure_participant_ags_municipality_ags_fk" FOREIGN KEY ("ags") REFERENCES "public"."municipality"("ags") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_relation" ADD CONSTRAINT "measure_relation_measure_id_measure_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measure"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_relation" ADD CONSTRAINT "measure_relation_related_id_measure_id_fk" FOREIGN KEY ("related_id") REFERENCES "public"."measure"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_update" ADD CONSTRAINT "measure_update_measure_id_measure_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measure"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_update" ADD CONSTRAINT "measure_update_author_id_account_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."account"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_update" ADD CONSTRAINT "measure_update_municipality_ags_municipality_ags_fk" FOREIGN KEY ("municipality_ags") REFERENCES "public"."municipality"("ags") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "funding_application_measure_idx" ON "funding_application" USING btree ("measure_id");--> statement-breakpoint
CREATE INDEX "funding_application_programme_idx" ON "funding_application" USING btree ("programme_id");--> statement-breakpoint
CREATE INDEX "funding_programme_action_field_field_idx" ON "funding_programme_action_field" USING btree ("action_field_id");--> statement-breakpoint
CREATE INDEX "indicator_goal_idx" ON "indicator" USING btree ("goal_id");--> statement-breakpoint
CREATE INDEX "indicator_measure_idx" ON "indicator" USING btree ("measure_id");--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_value_date_key" ON "indicator_value" USING btree ("indicator_id","measured_on");--> statement-breakpoint
CREATE INDEX "measure_lead_idx" ON "measure" USING btree ("lead_ags");--> statement-breakpoint
CREATE INDEX "measure_public_status_idx" ON "measure" USING btree ("is_public","status","id");--> statement-breakpoint
CREATE INDEX "measure_updated_idx" ON "measure" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "measure_action_field_field_idx" ON "measure_action_field" USING btree ("action_field_id","measure_id");--> statement-breakpoint
CREATE INDEX "measure_attachment_measure_idx" ON "measure_attachment" USING btree ("measure_id");--> statement-breakpoint
CREATE UNIQUE INDEX "measure_attachment_storage_key" ON "measure_attachment" USING btree ("storage_key");--> statement-breakpoint
CREATE INDEX "measure_goal_goal_idx" ON "measure_goal" USING btree ("goal_id","measure_id");--> statement-breakpoint
CREATE INDEX "measure_milestone_measure_idx" ON "measure_milestone" USING btree ("measure_id","due_on");--> statement-breakpoint
CREATE INDEX "measure_milestone_open_idx" ON "measure_milestone" USING btree ("due_on") WHERE "measure_milestone"."done_on" is null;--> statement-breakpoint
CREATE INDEX "measure_participant_ags_idx" ON "measure_participant" USING btree ("ags","measure_id");--> statement-breakpoint
CREATE INDEX "measure_relation_related_idx" ON "measure_relation" USING btree ("related_id");--> statement-breakpoint
CREATE INDEX "measure_update_measure_idx" ON "measure_update" USING btree ("measure_id","created_at","id");