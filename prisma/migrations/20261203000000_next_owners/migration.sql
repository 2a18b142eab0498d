-- The network department works the signal-problem tickets of follow-up calls in its own inbox.
ALTER TYPE "staff_role" ADD VALUE 'network' BEFORE 'supervisor';

-- The number a 换号入网 customer gave up for the new one: it, not a port-in (which keeps the number),
-- brings number-change coaching. Personal data like the number: cleared on erasure.
ALTER TABLE "subscriber" ADD COLUMN "previous_msisdn" TEXT,
  ADD CONSTRAINT "subscriber_previous_msisdn_check" CHECK ("previous_msisdn" ~ '^1[3-9][0-9]{9}$');

-- Orders for the BSS (a plan change the customer asked for), collected by the BSS through the API.
CREATE TYPE "bss_order_status" AS ENUM ('pending', 'delivered', 'completed', 'rejected');

CREATE TABLE "bss_order" (
    "id" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "subscriber_id" TEXT NOT NULL,
    "journey_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL CHECK ("kind" IN ('plan_change')),
    "from_plan_code" TEXT NOT NULL,
    "to_plan_code" TEXT NOT NULL,
    "task_id" TEXT,
    "status" "bss_order_status" NOT NULL,
    "deliveries" INTEGER NOT NULL DEFAULT 0,
    "last_delivered_at" TIMESTAMPTZ(3),
    "lease_until" TIMESTAMPTZ(3),
    "settled_at" TIMESTAMPTZ(3),
    "reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "bss_order_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "bss_order_idempotency_key_key" ON "bss_order"("idempotency_key");
CREATE INDEX "bss_order_status_created_at_idx" ON "bss_order"("status", "created_at");
CREATE INDEX "bss_order_subscriber_id_created_at_idx" ON "bss_order"("subscriber_id", "created_at");

ALTER TABLE "bss_order" ADD CONSTRAINT "bss_order_subscriber_id_fkey" FOREIGN KEY ("subscriber_id")
  REFERENCES "subscriber"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
