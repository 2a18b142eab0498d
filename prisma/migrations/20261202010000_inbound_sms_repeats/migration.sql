-- A gateway's message ids are unique per sender, not across all subscribers: one subscriber's id no
-- longer decides the routing of another's message.
DROP INDEX "inbound_sms_message_id_key";
CREATE UNIQUE INDEX "inbound_sms_subscriber_id_message_id_key" ON "inbound_sms"("subscriber_id", "message_id");

-- When the journey took it: a repeat of a message whose signal was never sent (the API stopped in
-- between) delivers it; any other repeat does not.
ALTER TABLE "inbound_sms" ADD COLUMN "delivered_at" TIMESTAMP(3);
UPDATE "inbound_sms" SET "delivered_at" = "received_at" WHERE "forwarded";

-- Every repeat of a message id (a gateway's retry or a replay), never forwarded, counted by the
-- throttle like a message; its text is not kept, only whether it was the same.
CREATE TABLE "inbound_sms_repeat" (
    "id" TEXT NOT NULL,
    "inbound_sms_id" TEXT NOT NULL,
    "subscriber_id" TEXT NOT NULL,
    "same_text" BOOLEAN NOT NULL,
    "received_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "inbound_sms_repeat_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "inbound_sms_repeat_subscriber_id_received_at_idx" ON "inbound_sms_repeat"("subscriber_id", "received_at");
ALTER TABLE "inbound_sms_repeat" ADD CONSTRAINT "inbound_sms_repeat_inbound_sms_id_fkey" FOREIGN KEY ("inbound_sms_id") REFERENCES "inbound_sms"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "inbound_sms_repeat" ADD CONSTRAINT "inbound_sms_repeat_subscriber_id_fkey" FOREIGN KEY ("subscriber_id") REFERENCES "subscriber"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
