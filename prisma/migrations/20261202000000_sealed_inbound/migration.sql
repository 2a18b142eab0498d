-- Journeys recorded before encryption was switched on keep plain payloads in their histories: the
-- worker's codec lets plain payloads into those journeys only (platform/sealed-inbound.ts). They are
-- the subscribers recorded before the migration that brought encryption finished; the flag is set
-- here once and never changes, so a history decodes the same way at every replay.
ALTER TABLE "subscriber" ADD COLUMN "history_before_encryption" BOOLEAN NOT NULL DEFAULT false;

UPDATE "subscriber" SET "history_before_encryption" = true
WHERE "created_at" < (
    SELECT min("finished_at") AT TIME ZONE 'UTC' FROM "_prisma_migrations"
    WHERE "migration_name" = '20261126000000_personal_data_protection' AND "rolled_back_at" IS NULL
);
