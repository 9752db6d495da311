CREATE TABLE "oparl_deletion" (
	"kind" text NOT NULL,
	"id" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"deleted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "oparl_deletion_kind_id_pk" PRIMARY KEY("kind","id")
);
--> statement-breakpoint
ALTER TABLE "agenda_item" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "body" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "body_file" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "legislative_term" ADD COLUMN "created_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "legislative_term" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "membership" ADD COLUMN "created_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "membership" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "person" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
CREATE INDEX "oparl_deletion_deleted_idx" ON "oparl_deletion" USING btree ("kind","deleted_at");--> statement-breakpoint
CREATE INDEX "agenda_item_updated_idx" ON "agenda_item" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "body_file_updated_idx" ON "body_file" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "meeting_updated_idx" ON "meeting" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "membership_updated_idx" ON "membership" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "paper_updated_idx" ON "paper" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "person_updated_idx" ON "person" USING btree ("updated_at");--> statement-breakpoint
UPDATE agenda_item SET updated_at = created_at;--> statement-breakpoint
UPDATE body SET updated_at = created_at;--> statement-breakpoint
UPDATE body_file SET updated_at = created_at;--> statement-breakpoint
UPDATE person SET updated_at = created_at;--> statement-breakpoint
-- OParl needs `modified` on every object, also when a change reaches it through an embedded one.
-- Every update keeps updated_at, whoever writes.
CREATE FUNCTION oparl_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	NEW.updated_at := now();
	RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER oparl_touch BEFORE UPDATE ON body FOR EACH ROW EXECUTE FUNCTION oparl_touch();--> statement-breakpoint
CREATE TRIGGER oparl_touch BEFORE UPDATE ON legislative_term FOR EACH ROW EXECUTE FUNCTION oparl_touch();--> statement-breakpoint
CREATE TRIGGER oparl_touch BEFORE UPDATE ON person FOR EACH ROW EXECUTE FUNCTION oparl_touch();--> statement-breakpoint
CREATE TRIGGER oparl_touch BEFORE UPDATE ON membership FOR EACH ROW EXECUTE FUNCTION oparl_touch();--> statement-breakpoint
CREATE TRIGGER oparl_touch BEFORE UPDATE ON meeting FOR EACH ROW EXECUTE FUNCTION oparl_touch();--> statement-breakpoint
CREATE TRIGGER oparl_touch BEFORE UPDATE ON agenda_item FOR EACH ROW EXECUTE FUNCTION oparl_touch();--> statement-breakpoint
CREATE TRIGGER oparl_touch BEFORE UPDATE ON paper FOR EACH ROW EXECUTE FUNCTION oparl_touch();--> statement-breakpoint
CREATE TRIGGER oparl_touch BEFORE UPDATE ON body_file FOR EACH ROW EXECUTE FUNCTION oparl_touch();--> statement-breakpoint
-- An agenda item is embedded in its meeting and, as a consultation, in its paper; whether a
-- paper's documents are public follows the items that consult it.
CREATE FUNCTION oparl_agenda_item_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP IN ('UPDATE', 'DELETE') THEN
		UPDATE meeting SET updated_at = now() WHERE id = OLD.meeting_id;
		UPDATE paper SET updated_at = now() WHERE id = OLD.paper_id;
		UPDATE body_file SET updated_at = now() WHERE paper_id = OLD.paper_id;
	END IF;
	IF TG_OP IN ('UPDATE', 'INSERT') THEN
		UPDATE meeting SET updated_at = now() WHERE id = NEW.meeting_id AND (TG_OP = 'INSERT' OR NEW.meeting_id <> OLD.meeting_id);
		UPDATE paper SET updated_at = now() WHERE id = NEW.paper_id AND (TG_OP = 'INSERT' OR NEW.paper_id IS DISTINCT FROM OLD.paper_id);
		UPDATE body_file SET updated_at = now() WHERE paper_id = NEW.paper_id AND (TG_OP = 'INSERT' OR NEW.paper_id IS DISTINCT FROM OLD.paper_id);
	END IF;
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER oparl_agenda_item_changed AFTER INSERT OR UPDATE OR DELETE ON agenda_item FOR EACH ROW EXECUTE FUNCTION oparl_agenda_item_changed();--> statement-breakpoint
-- A decision is the result of its agenda item.
CREATE FUNCTION oparl_decision_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE agenda_item SET updated_at = now() WHERE id = COALESCE(NEW.agenda_item_id, OLD.agenda_item_id);
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER oparl_decision_changed AFTER INSERT OR UPDATE OR DELETE ON decision FOR EACH ROW EXECUTE FUNCTION oparl_decision_changed();--> statement-breakpoint
-- A file is embedded in its paper or meeting.
CREATE FUNCTION oparl_file_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP IN ('UPDATE', 'DELETE') THEN
		UPDATE paper SET updated_at = now() WHERE id = OLD.paper_id;
		UPDATE meeting SET updated_at = now() WHERE id = OLD.meeting_id;
	END IF;
	IF TG_OP = 'INSERT' THEN
		UPDATE paper SET updated_at = now() WHERE id = NEW.paper_id;
		UPDATE meeting SET updated_at = now() WHERE id = NEW.meeting_id;
	END IF;
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER oparl_file_changed AFTER INSERT OR UPDATE OR DELETE ON body_file FOR EACH ROW EXECUTE FUNCTION oparl_file_changed();--> statement-breakpoint
-- A membership is embedded in its person and listed by its organization.
CREATE FUNCTION oparl_membership_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP IN ('UPDATE', 'DELETE') THEN
		UPDATE person SET updated_at = now() WHERE id = OLD.person_id;
		UPDATE body SET updated_at = now() WHERE id = OLD.body_id;
	END IF;
	IF TG_OP = 'INSERT' THEN
		UPDATE person SET updated_at = now() WHERE id = NEW.person_id;
		UPDATE body SET updated_at = now() WHERE id = NEW.body_id;
	END IF;
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER oparl_membership_changed AFTER INSERT OR UPDATE OR DELETE ON membership FOR EACH ROW EXECUTE FUNCTION oparl_membership_changed();--> statement-breakpoint
-- Deleted objects keep answering (deleted: true) with their id and creation time.
CREATE FUNCTION oparl_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO oparl_deletion (kind, id, created_at) VALUES (TG_ARGV[0], OLD.id, OLD.created_at)
	ON CONFLICT (kind, id) DO UPDATE SET deleted_at = now();
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER oparl_deleted AFTER DELETE ON body FOR EACH ROW EXECUTE FUNCTION oparl_deleted('organization');--> statement-breakpoint
CREATE TRIGGER oparl_deleted AFTER DELETE ON legislative_term FOR EACH ROW EXECUTE FUNCTION oparl_deleted('legislativeTerm');--> statement-breakpoint
CREATE TRIGGER oparl_deleted AFTER DELETE ON person FOR EACH ROW EXECUTE FUNCTION oparl_deleted('person');--> statement-breakpoint
CREATE TRIGGER oparl_deleted AFTER DELETE ON membership FOR EACH ROW EXECUTE FUNCTION oparl_deleted('membership');--> statement-breakpoint
CREATE TRIGGER oparl_deleted AFTER DELETE ON meeting FOR EACH ROW EXECUTE FUNCTION oparl_deleted('meeting');--> statement-breakpoint
CREATE TRIGGER oparl_deleted AFTER DELETE ON agenda_item FOR EACH ROW EXECUTE FUNCTION oparl_deleted('agendaItem');--> statement-breakpoint
CREATE TRIGGER oparl_deleted AFTER DELETE ON paper FOR EACH ROW EXECUTE FUNCTION oparl_deleted('paper');--> statement-breakpoint
CREATE TRIGGER oparl_deleted AFTER DELETE ON body_file FOR EACH ROW EXECUTE FUNCTION oparl_deleted('file');
