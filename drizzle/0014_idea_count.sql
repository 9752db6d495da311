ALTER TABLE "participation_process" ADD COLUMN "idea_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE participation_process p SET idea_count = (SELECT count(*) FROM idea i WHERE i.process_id = p.id AND i.hidden_at IS NULL);--> statement-breakpoint
-- A process's count of visible ideas follows its ideas: submitted, removed, hidden, shown again.
CREATE FUNCTION participation_idea_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.hidden_at IS NULL THEN
		UPDATE participation_process SET idea_count = idea_count - 1 WHERE id = OLD.process_id;
	END IF;
	IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.hidden_at IS NULL THEN
		UPDATE participation_process SET idea_count = idea_count + 1 WHERE id = NEW.process_id;
	END IF;
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER participation_idea_count AFTER INSERT OR DELETE OR UPDATE OF hidden_at, process_id ON idea FOR EACH ROW EXECUTE FUNCTION participation_idea_count();
