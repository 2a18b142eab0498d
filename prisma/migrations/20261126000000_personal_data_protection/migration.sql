-- Personal data protection: per-subscriber data keys, encrypted outbox bodies, inbound SMS and sealed
-- secrets, reissued numbers, erasure.

-- One data key per subscriber, wrapped by a master key; erasure deletes it and keeps the row.
CREATE TABLE "subscriber_key" (
    "subscriber_id" TEXT NOT NULL,
    "master_key_id" TEXT,
    "wrapped_key" BYTEA,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "erased_at" TIMESTAMP(3),

    CONSTRAINT "subscriber_key_pkey" PRIMARY KEY ("subscriber_id"),
    CONSTRAINT "subscriber_key_held_or_erased" CHECK (("wrapped_key" IS NULL) = ("erased_at" IS NOT NULL))
);

-- A number belongs to one subscriber at a time: the holder until their journey ends or they leave,
-- after which the operator may reissue it to a new subscriber.
ALTER TABLE "subscriber" ADD COLUMN "released_at" TIMESTAMP(3);
ALTER TABLE "subscriber" ADD COLUMN "erased_at" TIMESTAMP(3);
-- The activation as the activation system sent it, to tell a repeat from a conflicting activation.
ALTER TABLE "subscriber" ADD COLUMN "activation" JSONB;
ALTER TABLE "subscriber" ALTER COLUMN "msisdn" DROP NOT NULL;
ALTER TABLE "subscriber" ALTER COLUMN "name" DROP NOT NULL;
DROP INDEX "subscriber_msisdn_key";
CREATE UNIQUE INDEX "subscriber_msisdn_held_key" ON "subscriber"("msisdn") WHERE "released_at" IS NULL;

-- Outbox bodies are encrypted with the subscriber's data key; rows written before stay in
-- legacy_body until the worker's data migration encrypts them. The number is the subscriber's.
ALTER TABLE "sms_message" RENAME COLUMN "body" TO "legacy_body";
ALTER TABLE "sms_message" ALTER COLUMN "legacy_body" DROP NOT NULL;
ALTER TABLE "sms_message" ADD COLUMN "body" BYTEA;
ALTER TABLE "sms_message" DROP COLUMN "msisdn";

-- Sealed secrets now belong to a subscriber (their data key, bound by the secret's id). Secrets
-- sealed before cannot be opened any more: their password SMS is skipped with the reason recorded.
DROP TABLE "sealed_secret";
CREATE TABLE "sealed_secret" (
    "id" TEXT NOT NULL,
    "subscriber_id" TEXT NOT NULL,
    "sealed" BYTEA NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sealed_secret_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "sealed_secret_expires_at_idx" ON "sealed_secret"("expires_at");

-- Every SMS a subscriber sends to the service number, its text encrypted; only some are forwarded
-- to the journey (throttled against auto-responder loops).
CREATE TABLE "inbound_sms" (
    "id" TEXT NOT NULL,
    "message_id" TEXT NOT NULL,
    "subscriber_id" TEXT NOT NULL,
    "text" BYTEA NOT NULL,
    "forwarded" BOOLEAN NOT NULL,
    "received_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "inbound_sms_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "inbound_sms_message_id_key" ON "inbound_sms"("message_id");
CREATE INDEX "inbound_sms_subscriber_id_received_at_idx" ON "inbound_sms"("subscriber_id", "received_at");
ALTER TABLE "inbound_sms" ADD CONSTRAINT "inbound_sms_subscriber_id_fkey" FOREIGN KEY ("subscriber_id") REFERENCES "subscriber"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
