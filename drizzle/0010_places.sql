CREATE TABLE "place" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"category" text NOT NULL,
	"point" geometry(Point,4326) NOT NULL,
	"address" text,
	"municipality_ags" text NOT NULL,
	"opening_hours" text,
	"step_free" boolean DEFAULT false NOT NULL,
	"toilet" boolean DEFAULT false NOT NULL,
	"parking" boolean DEFAULT false NOT NULL,
	"contact" text,
	"website" text,
	"image_key" text,
	"thumb_key" text,
	"image_alt" text,
	"demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "place" ADD CONSTRAINT "place_municipality_ags_municipality_ags_fk" FOREIGN KEY ("municipality_ags") REFERENCES "public"."municipality"("ags") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "place_point_idx" ON "place" USING gist ("point");--> statement-breakpoint
CREATE INDEX "place_filter_idx" ON "place" USING btree ("category","municipality_ags","name");