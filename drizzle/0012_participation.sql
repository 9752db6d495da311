CREATE TABLE "content_flag" (
	"id" serial PRIMARY KEY NOT NULL,
	"target_kind" text NOT NULL,
	"target_id" integer NOT NULL,
	"process_id" integer NOT NULL,
	"reason" text NOT NULL,
	"reporter_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolution" text,
	CONSTRAINT "content_flag_kind_check" CHECK ("content_flag"."target_kind" in ('idea','comment'))
);
--> statement-breakpoint
CREATE TABLE "idea" (
	"id" serial PRIMARY KEY NOT NULL,
	"process_id" integer NOT NULL,
	"author_id" uuid,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"category" text NOT NULL,
	"point" geometry(Point,4326),
	"municipality_ags" text,
	"place_text" text,
	"image_key" text,
	"thumb_key" text,
	"image_alt" text,
	"status" text DEFAULT 'submitted' NOT NULL,
	"answer" text,
	"answered_at" timestamp with time zone,
	"measure_id" integer,
	"support_count" integer DEFAULT 0 NOT NULL,
	"comment_count" integer DEFAULT 0 NOT NULL,
	"hidden_at" timestamp with time zone,
	"hidden_reason" text,
	"edited_at" timestamp with time zone,
	"demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idea_status_check" CHECK ("idea"."status" in ('submitted','reviewing','accepted','rejected','implemented')),
	CONSTRAINT "idea_counts_check" CHECK ("idea"."support_count" >= 0 and "idea"."comment_count" >= 0),
	CONSTRAINT "idea_hidden_check" CHECK ("idea"."hidden_at" is null or "idea"."hidden_reason" is not null),
	CONSTRAINT "idea_rejected_check" CHECK ("idea"."status" <> 'rejected' or "idea"."answer" is not null)
);
--> statement-breakpoint
CREATE TABLE "idea_comment" (
	"id" serial PRIMARY KEY NOT NULL,
	"idea_id" integer NOT NULL,
	"parent_id" integer,
	"author_id" uuid,
	"body" text NOT NULL,
	"hidden_at" timestamp with time zone,
	"hidden_reason" text,
	"edited_at" timestamp with time zone,
	"demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idea_comment_hidden_check" CHECK ("idea_comment"."hidden_at" is null or "idea_comment"."hidden_reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "idea_support" (
	"idea_id" integer NOT NULL,
	"account_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idea_support_idea_id_account_id_pk" PRIMARY KEY("idea_id","account_id")
);
--> statement-breakpoint
CREATE TABLE "participation_phase" (
	"id" serial PRIMARY KEY NOT NULL,
	"process_id" integer NOT NULL,
	"kind" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone,
	"components" text[] NOT NULL,
	CONSTRAINT "participation_phase_kind_check" CHECK ("participation_phase"."kind" in ('information','ideas','discussion','prioritisation','result')),
	CONSTRAINT "participation_phase_dates_check" CHECK ("participation_phase"."ends_at" is null or "participation_phase"."ends_at" > "participation_phase"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "participation_process" (
	"id" serial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"description" text NOT NULL,
	"owner_ags" text,
	"municipalities" text[] DEFAULT '{}'::text[] NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"points_budget" integer DEFAULT 10 NOT NULL,
	"idea_categories" text[] NOT NULL,
	"result_text" text,
	"created_by" uuid,
	"demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "participation_process_budget_check" CHECK ("participation_process"."points_budget" between 1 and 100)
);
--> statement-breakpoint
CREATE TABLE "point_allocation" (
	"process_id" integer NOT NULL,
	"account_id" uuid NOT NULL,
	"idea_id" integer NOT NULL,
	"points" integer NOT NULL,
	CONSTRAINT "point_allocation_process_id_account_id_idea_id_pk" PRIMARY KEY("process_id","account_id","idea_id"),
	CONSTRAINT "point_allocation_points_check" CHECK ("point_allocation"."points" > 0)
);
--> statement-breakpoint
CREATE TABLE "point_ballot" (
	"process_id" integer NOT NULL,
	"account_id" uuid NOT NULL,
	"budget" integer NOT NULL,
	"spent" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "point_ballot_process_id_account_id_pk" PRIMARY KEY("process_id","account_id"),
	CONSTRAINT "point_ballot_budget_check" CHECK ("point_ballot"."spent" between 0 and "point_ballot"."budget")
);
--> statement-breakpoint
CREATE TABLE "process_action_field" (
	"process_id" integer NOT NULL,
	"action_field_id" integer NOT NULL,
	CONSTRAINT "process_action_field_process_id_action_field_id_pk" PRIMARY KEY("process_id","action_field_id")
);
--> statement-breakpoint
CREATE TABLE "process_measure" (
	"process_id" integer NOT NULL,
	"measure_id" integer NOT NULL,
	CONSTRAINT "process_measure_process_id_measure_id_pk" PRIMARY KEY("process_id","measure_id")
);
--> statement-breakpoint
ALTER TABLE "content_flag" ADD CONSTRAINT "content_flag_process_id_participation_process_id_fk" FOREIGN KEY ("process_id") REFERENCES "public"."participation_process"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_flag" ADD CONSTRAINT "content_flag_reporter_id_account_id_fk" FOREIGN KEY ("reporter_id") REFERENCES "public"."account"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea" ADD CONSTRAINT "idea_process_id_participation_process_id_fk" FOREIGN KEY ("process_id") REFERENCES "public"."participation_process"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea" ADD CONSTRAINT "idea_author_id_account_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."account"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea" ADD CONSTRAINT "idea_municipality_ags_municipality_ags_fk" FOREIGN KEY ("municipality_ags") REFERENCES "public"."municipality"("ags") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea" ADD CONSTRAINT "idea_measure_id_measure_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measure"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_comment" ADD CONSTRAINT "idea_comment_idea_id_idea_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."idea"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_comment" ADD CONSTRAINT "idea_comment_author_id_account_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."account"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_comment" ADD CONSTRAINT "idea_comment_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."idea_comment"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_support" ADD CONSTRAINT "idea_support_idea_id_idea_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."idea"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_support" ADD CONSTRAINT "idea_support_account_id_account_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."account"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_phase" ADD CONSTRAINT "participation_phase_process_id_participation_process_id_fk" FOREIGN KEY ("process_id") REFERENCES "public"."participation_process"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_process" ADD CONSTRAINT "participation_process_owner_ags_municipality_ags_fk" FOREIGN KEY ("owner_ags") REFERENCES "public"."municipality"("ags") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_process" ADD CONSTRAINT "participation_process_created_by_account_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."account"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_allocation" ADD CONSTRAINT "point_allocation_idea_id_idea_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."idea"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_allocation" ADD CONSTRAINT "point_allocation_ballot_fk" FOREIGN KEY ("process_id","account_id") REFERENCES "public"."point_ballot"("process_id","account_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_ballot" ADD CONSTRAINT "point_ballot_process_id_participation_process_id_fk" FOREIGN KEY ("process_id") REFERENCES "public"."participation_process"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_ballot" ADD CONSTRAINT "point_ballot_account_id_account_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."account"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "process_action_field" ADD CONSTRAINT "process_action_field_process_id_participation_process_id_fk" FOREIGN KEY ("process_id") REFERENCES "public"."participation_process"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "process_action_field" ADD CONSTRAINT "process_action_field_action_field_id_action_field_id_fk" FOREIGN KEY ("action_field_id") REFERENCES "public"."action_field"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "process_measure" ADD CONSTRAINT "process_measure_process_id_participation_process_id_fk" FOREIGN KEY ("process_id") REFERENCES "public"."participation_process"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "process_measure" ADD CONSTRAINT "process_measure_measure_id_measure_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measure"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "content_flag_open_idx" ON "content_flag" USING btree ("process_id","created_at") WHERE "content_flag"."resolved_at" is null;--> statement-breakpoint
CREATE INDEX "content_flag_target_idx" ON "content_flag" USING btree ("target_kind","target_id");--> statement-breakpoint
CREATE INDEX "idea_process_new_idx" ON "idea" USING btree ("process_id","created_at","id");--> statement-breakpoint
CREATE INDEX "idea_process_support_idx" ON "idea" USING btree ("process_id","support_count","id");--> statement-breakpoint
CREATE INDEX "idea_process_comment_idx" ON "idea" USING btree ("process_id","comment_count","id");--> statement-breakpoint
CREATE INDEX "idea_author_idx" ON "idea" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "idea_created_idx" ON "idea" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "idea_comment_idea_idx" ON "idea_comment" USING btree ("idea_id","created_at","id");--> statement-breakpoint
CREATE INDEX "idea_comment_parent_idx" ON "idea_comment" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "idea_support_account_idx" ON "idea_support" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "participation_phase_kind_key" ON "participation_phase" USING btree ("process_id","kind");--> statement-breakpoint
CREATE INDEX "participation_phase_time_idx" ON "participation_phase" USING btree ("starts_at","ends_at");--> statement-breakpoint
CREATE INDEX "participation_process_published_idx" ON "participation_process" USING btree ("published","id");--> statement-breakpoint
CREATE INDEX "point_allocation_idea_idx" ON "point_allocation" USING btree ("idea_id");--> statement-breakpoint
CREATE INDEX "process_measure_measure_idx" ON "process_measure" USING btree ("measure_id");--> statement-breakpoint
-- The ballot's spent points follow its allocations; the ballot's check refuses any total over the budget.
CREATE FUNCTION point_allocation_spent() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP IN ('UPDATE', 'DELETE') THEN
		UPDATE point_ballot SET spent = spent - OLD.points WHERE process_id = OLD.process_id AND account_id = OLD.account_id;
	END IF;
	IF TG_OP IN ('UPDATE', 'INSERT') THEN
		UPDATE point_ballot SET spent = spent + NEW.points, updated_at = now() WHERE process_id = NEW.process_id AND account_id = NEW.account_id;
	END IF;
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER point_allocation_spent AFTER INSERT OR UPDATE OR DELETE ON point_allocation FOR EACH ROW EXECUTE FUNCTION point_allocation_spent();
--> statement-breakpoint
-- An idea's support count follows its supports, also when an account is deleted (its supports go with it).
CREATE FUNCTION idea_support_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		UPDATE idea SET support_count = support_count + 1 WHERE id = NEW.idea_id;
	ELSE
		UPDATE idea SET support_count = support_count - 1 WHERE id = OLD.idea_id;
	END IF;
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER idea_support_count AFTER INSERT OR DELETE ON idea_support FOR EACH ROW EXECUTE FUNCTION idea_support_count();
