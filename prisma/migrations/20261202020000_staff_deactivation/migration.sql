-- Deactivating a staff member ends what they hold: their sessions and their unused set-password
-- links are deleted, so reactivating them later revives neither. A trigger, so that every way of
-- deactivating (the roster import, an administrator's SQL) does it.
CREATE FUNCTION "staff_deactivated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "staff_session" WHERE "staff_id" = NEW."id";
  DELETE FROM "password_link" WHERE "staff_id" = NEW."id" AND "used_at" IS NULL;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "staff_deactivated"
AFTER UPDATE OF "active" ON "staff"
FOR EACH ROW WHEN (OLD."active" AND NOT NEW."active")
EXECUTE FUNCTION "staff_deactivated"();

-- Members inactive already may hold sessions and links from before: the same for them.
DELETE FROM "staff_session" WHERE "staff_id" IN (SELECT "id" FROM "staff" WHERE NOT "active");
DELETE FROM "password_link" WHERE "used_at" IS NULL AND "staff_id" IN (SELECT "id" FROM "staff" WHERE NOT "active");
