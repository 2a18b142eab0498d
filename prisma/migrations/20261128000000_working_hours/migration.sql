-- Deadlines in working time (docs/calendar.md): the opening hours of each business calendar, and the
-- calendar version each task's due time was counted with. Public holidays and 调休 make-up working
-- days come from the pinned chinese-days package, not from this table.

-- CreateTable: `call_centre`, `store` (every store without a row of its own) and `store:<id>`.
CREATE TABLE "working_hours" (
    "calendar" TEXT NOT NULL,
    "opens" TEXT NOT NULL,
    "closes" TEXT NOT NULL,
    "closed_weekdays" INTEGER[],
    "revision" INTEGER NOT NULL DEFAULT 1,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "updated_by" TEXT,

    CONSTRAINT "working_hours_pkey" PRIMARY KEY ("calendar"),
    CONSTRAINT "working_hours_calendar" CHECK ("calendar" IN ('call_centre', 'store') OR "calendar" LIKE 'store:_%'),
    CONSTRAINT "working_hours_clock" CHECK ("opens" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' AND "closes" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' AND "opens" < "closes"),
    CONSTRAINT "working_hours_closed_weekdays" CHECK ("closed_weekdays" <@ ARRAY[1, 2, 3, 4, 5, 6, 7] AND cardinality("closed_weekdays") < 7),
    CONSTRAINT "working_hours_revision" CHECK ("revision" > 0)
);

-- The two calendars every deployment needs, so an upgraded data folder counts working time at once:
-- the call centre works 09:00–21:00 on working days, stores 09:00–18:00 every day but public holidays.
INSERT INTO "working_hours" ("calendar", "opens", "closes", "closed_weekdays", "updated_at") VALUES
    ('call_centre', '09:00', '21:00', ARRAY[6, 7], CURRENT_TIMESTAMP),
    ('store', '09:00', '18:00', ARRAY[]::INTEGER[], CURRENT_TIMESTAMP);

-- AlterTable
ALTER TABLE "task" ADD COLUMN "calendar_version" TEXT;
