-- Deadlines inside the operator plan's windows (docs/calendar.md): calendars as the operator runs
-- them (stores open through public holidays, the outbound call team every day, the hotline around the
-- clock), and each task's window end, which its due time never passes and the SLA figures count against.

-- A calendar may close on named dates, and keeps the country's public holidays (closed on them, open
-- on 调休 make-up days) or not. Every calendar kept them until now: rows an operator edited go on so.
ALTER TABLE "working_hours"
    ADD COLUMN "closed_dates" DATE[] NOT NULL DEFAULT '{}',
    ADD COLUMN "closed_on_public_holidays" BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE "working_hours" ALTER COLUMN "closed_on_public_holidays" SET DEFAULT false;

-- The hotline has a calendar of its own, and `24:00` closes a day worked to midnight.
ALTER TABLE "working_hours" DROP CONSTRAINT "working_hours_calendar",
    ADD CONSTRAINT "working_hours_calendar" CHECK ("calendar" IN ('call_centre', 'hotline', 'store') OR "calendar" LIKE 'store:_%');
ALTER TABLE "working_hours" DROP CONSTRAINT "working_hours_clock",
    ADD CONSTRAINT "working_hours_clock" CHECK ("opens" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' AND "closes" ~ '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$' AND "opens" < "closes");

-- The defaults nobody changed (`updated_by` is null: the first migration's rows and the seed's
-- stores) become the operator's practice, each as a new revision; a supervisor's hours stay as set.
-- Stores open on public holidays (a store's own closed weekdays stay); the outbound call team
-- (follow-up, telemarketing) works every day within its hours.
UPDATE "working_hours" SET "closed_on_public_holidays" = false, "revision" = "revision" + 1, "updated_at" = CURRENT_TIMESTAMP
    WHERE "updated_by" IS NULL AND ("calendar" = 'store' OR "calendar" LIKE 'store:%');
UPDATE "working_hours" SET "closed_on_public_holidays" = false, "closed_weekdays" = ARRAY[]::INTEGER[],
    "revision" = "revision" + 1, "updated_at" = CURRENT_TIMESTAMP
    WHERE "updated_by" IS NULL AND "calendar" = 'call_centre';
-- The 10010 hotline calls a VIP back around the clock (it shared the call centre's hours before).
INSERT INTO "working_hours" ("calendar", "opens", "closes", "closed_weekdays", "updated_at")
    VALUES ('hotline', '00:00', '24:00', ARRAY[]::INTEGER[], CURRENT_TIMESTAMP)
    ON CONFLICT ("calendar") DO NOTHING;

-- Each task's window end and whether it is due there for want of working time.
ALTER TABLE "task" ADD COLUMN "window_ends_at" TIMESTAMP(3),
    ADD COLUMN "due_at_window_end" BOOLEAN NOT NULL DEFAULT false;
