CREATE TABLE "survey" (
	"id" serial PRIMARY KEY NOT NULL,
	"process_id" integer NOT NULL,
	"title" text NOT NULL,
	"intro" text NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"results_public" boolean DEFAULT false NOT NULL,
	"allow_links" boolean DEFAULT false NOT NULL,
	"demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_answer" (
	"response_id" integer NOT NULL,
	"question_id" integer NOT NULL,
	"value" jsonb NOT NULL,
	"approved" boolean,
	CONSTRAINT "survey_answer_response_id_question_id_pk" PRIMARY KEY("response_id","question_id")
);
--> statement-breakpoint
CREATE TABLE "survey_question" (
	"id" serial PRIMARY KEY NOT NULL,
	"survey_id" integer NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"prompt" text NOT NULL,
	"help" text,
	"required" boolean DEFAULT false NOT NULL,
	"options" text[] DEFAULT '{}'::text[] NOT NULL,
	"min_choices" integer,
	"max_choices" integer,
	"max_length" integer,
	"depends_on_id" integer,
	"depends_on_values" text[],
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "survey_question_kind_check" CHECK ("survey_question"."kind" in ('single','multiple','text','scale','ranking','yesno'))
);
--> statement-breakpoint
CREATE TABLE "survey_response" (
	"id" serial PRIMARY KEY NOT NULL,
	"survey_id" integer NOT NULL,
	"account_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_token" (
	"id" serial PRIMARY KEY NOT NULL,
	"survey_id" integer NOT NULL,
	"token_hash" text NOT NULL,
	"used" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "survey" ADD CONSTRAINT "survey_process_id_participation_process_id_fk" FOREIGN KEY ("process_id") REFERENCES "public"."participation_process"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_answer" ADD CONSTRAINT "survey_answer_response_id_survey_response_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."survey_response"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_answer" ADD CONSTRAINT "survey_answer_question_id_survey_question_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."survey_question"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_question" ADD CONSTRAINT "survey_question_survey_id_survey_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."survey"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_question" ADD CONSTRAINT "survey_question_depends_fk" FOREIGN KEY ("depends_on_id") REFERENCES "public"."survey_question"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_response" ADD CONSTRAINT "survey_response_survey_id_survey_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."survey"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_response" ADD CONSTRAINT "survey_response_account_id_account_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."account"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_token" ADD CONSTRAINT "survey_token_survey_id_survey_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."survey"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "survey_process_idx" ON "survey" USING btree ("process_id");--> statement-breakpoint
CREATE INDEX "survey_answer_question_idx" ON "survey_answer" USING btree ("question_id");--> statement-breakpoint
CREATE INDEX "survey_question_survey_idx" ON "survey_question" USING btree ("survey_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_response_account_key" ON "survey_response" USING btree ("survey_id","account_id");--> statement-breakpoint
CREATE INDEX "survey_response_survey_idx" ON "survey_response" USING btree ("survey_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_token_hash_key" ON "survey_token" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "survey_token_survey_idx" ON "survey_token" USING btree ("survey_id");