-- The journey's record (its state, sealed with the subscriber's data key), so a journey stays
-- readable once Temporal's retention removed its workflow. Journeys recorded before are rebuilt from
-- their workflow's query while it is still there (api/journey-records.ts).
ALTER TABLE "journey" ADD COLUMN "record" BYTEA,
  ADD COLUMN "record_revision" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "recorded_at" TIMESTAMP(3);

