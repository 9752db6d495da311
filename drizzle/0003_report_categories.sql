CREATE TABLE "report_category" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" jsonb NOT NULL,
	"description" jsonb,
	"group" text,
	"keywords" text,
	"is_public" boolean DEFAULT true NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort_order" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_category_attribute" (
	"id" serial PRIMARY KEY NOT NULL,
	"category_id" integer NOT NULL,
	"code" text NOT NULL,
	"datatype" text NOT NULL,
	"required" boolean DEFAULT false NOT NULL,
	"variable" boolean DEFAULT true NOT NULL,
	"description" jsonb NOT NULL,
	"datatype_description" jsonb,
	"order" integer NOT NULL,
	"values" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "report_category_attribute" ADD CONSTRAINT "report_category_attribute_category_id_report_category_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."report_category"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "report_category_code_key" ON "report_category" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "report_category_attribute_code_key" ON "report_category_attribute" USING btree ("category_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "report_category_attribute_order_key" ON "report_category_attribute" USING btree ("category_id","order");