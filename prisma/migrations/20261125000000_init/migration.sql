-- CreateEnum
CREATE TYPE "staff_role" AS ENUM ('store', 'club', 'account_manager', 'followup', 'telemarketing', 'hotline', 'supervisor');

-- CreateEnum
CREATE TYPE "tier" AS ENUM ('standard', 'silver', 'gold', 'platinum', 'diamond');

-- CreateEnum
CREATE TYPE "payment_type" AS ENUM ('prepaid', 'postpaid');

-- CreateEnum
CREATE TYPE "journey_status" AS ENUM ('running', 'completed', 'cancelled');

-- CreateEnum
CREATE TYPE "task_status" AS ENUM ('open', 'completed', 'expired', 'superseded', 'cancelled');

-- CreateEnum
CREATE TYPE "sms_category" AS ENUM ('service', 'marketing');

-- CreateEnum
CREATE TYPE "sms_status" AS ENUM ('queued', 'sent', 'failed');

-- CreateEnum
CREATE TYPE "ticket_status" AS ENUM ('open', 'resolved');

-- CreateTable
CREATE TABLE "store" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "region" TEXT NOT NULL,

    CONSTRAINT "store_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "staff" (
    "id" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "role" "staff_role" NOT NULL,
    "store_id" TEXT,
    "region" TEXT NOT NULL,
    "capacity" INTEGER NOT NULL DEFAULT 0,
    "password_hash" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'zh-CN',
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "staff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "plan" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "family" TEXT NOT NULL,
    "level" INTEGER NOT NULL,
    "monthly_fee" DECIMAL(10,2) NOT NULL,
    "voice_minutes" INTEGER NOT NULL,
    "data_mb" INTEGER NOT NULL,
    "sms" INTEGER NOT NULL,
    "mms" INTEGER NOT NULL,
    "voice_overage_per_min" DECIMAL(10,4) NOT NULL,
    "data_overage_per_kb" DECIMAL(10,6) NOT NULL,
    "sms_overage" DECIMAL(10,4) NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "plan_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "value_added_service" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "monthly_fee" DECIMAL(10,2) NOT NULL,
    "profile" TEXT[],
    "description" TEXT NOT NULL,

    CONSTRAINT "value_added_service_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "subscriber" (
    "id" TEXT NOT NULL,
    "msisdn" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "address" TEXT,
    "activated_at" TIMESTAMP(3) NOT NULL,
    "store_id" TEXT NOT NULL,
    "plan_code" TEXT NOT NULL,
    "payment_type" "payment_type" NOT NULL,
    "tier" "tier" NOT NULL,
    "port_in" BOOLEAN NOT NULL,
    "dnd" BOOLEAN NOT NULL,
    "contract_prepay" DECIMAL(10,2),
    "contract_monthly_return" DECIMAL(10,2),
    "first_payment_due_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "subscriber_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "journey" (
    "id" TEXT NOT NULL,
    "subscriber_id" TEXT NOT NULL,
    "status" "journey_status" NOT NULL,
    "moment" TEXT NOT NULL,
    "started_at" TIMESTAMP(3) NOT NULL,
    "ended_at" TIMESTAMP(3),
    "summary" JSONB,

    CONSTRAINT "journey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "task" (
    "id" TEXT NOT NULL,
    "journey_id" TEXT NOT NULL,
    "subscriber_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "role" "staff_role" NOT NULL,
    "store_id" TEXT,
    "assignee_id" TEXT,
    "status" "task_status" NOT NULL,
    "available_at" TIMESTAMP(3) NOT NULL,
    "due_at" TIMESTAMP(3) NOT NULL,
    "payload" JSONB NOT NULL,
    "attempts" JSONB NOT NULL DEFAULT '[]',
    "max_attempts" INTEGER NOT NULL DEFAULT 1,
    "outcome" JSONB,
    "completed_by_id" TEXT,
    "escalated_at" TIMESTAMP(3),
    "ended_at" TIMESTAMP(3),
    "end_reason" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "task_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sms_message" (
    "id" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "subscriber_id" TEXT NOT NULL,
    "msisdn" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "category" "sms_category" NOT NULL,
    "locale" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "status" "sms_status" NOT NULL,
    "provider" TEXT NOT NULL,
    "provider_message_id" TEXT,
    "sent_at" TIMESTAMP(3),
    "error" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sms_message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sealed_secret" (
    "id" TEXT NOT NULL,
    "ciphertext" BYTEA NOT NULL,
    "iv" BYTEA NOT NULL,
    "auth_tag" BYTEA NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sealed_secret_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "vip_assignment" (
    "id" TEXT NOT NULL,
    "assignment_key" TEXT NOT NULL,
    "subscriber_id" TEXT NOT NULL,
    "manager_id" TEXT NOT NULL,
    "tier" "tier" NOT NULL,
    "assigned_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ended_at" TIMESTAMP(3),

    CONSTRAINT "vip_assignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "usage_record" (
    "subscriber_id" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "voice_minutes" INTEGER NOT NULL,
    "data_mb" INTEGER NOT NULL,
    "sms" INTEGER NOT NULL,

    CONSTRAINT "usage_record_pkey" PRIMARY KEY ("subscriber_id","month")
);

-- CreateTable
CREATE TABLE "network_ticket" (
    "id" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "subscriber_id" TEXT NOT NULL,
    "journey_id" TEXT NOT NULL,
    "task_id" TEXT,
    "address" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "status" "ticket_status" NOT NULL,
    "opened_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMP(3),

    CONSTRAINT "network_ticket_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_event" (
    "id" BIGSERIAL NOT NULL,
    "idempotency_key" TEXT,
    "subscriber_id" TEXT,
    "journey_id" TEXT,
    "type" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "staff_username_key" ON "staff"("username");

-- CreateIndex
CREATE INDEX "staff_role_region_idx" ON "staff"("role", "region");

-- CreateIndex
CREATE INDEX "plan_family_level_idx" ON "plan"("family", "level");

-- CreateIndex
CREATE UNIQUE INDEX "subscriber_msisdn_key" ON "subscriber"("msisdn");

-- CreateIndex
CREATE UNIQUE INDEX "journey_subscriber_id_key" ON "journey"("subscriber_id");

-- CreateIndex
CREATE INDEX "journey_status_moment_idx" ON "journey"("status", "moment");

-- CreateIndex
CREATE INDEX "task_role_status_due_at_idx" ON "task"("role", "status", "due_at");

-- CreateIndex
CREATE INDEX "task_store_id_status_due_at_idx" ON "task"("store_id", "status", "due_at");

-- CreateIndex
CREATE INDEX "task_assignee_id_status_due_at_idx" ON "task"("assignee_id", "status", "due_at");

-- CreateIndex
CREATE INDEX "task_status_due_at_idx" ON "task"("status", "due_at");

-- CreateIndex
CREATE INDEX "task_journey_id_idx" ON "task"("journey_id");

-- CreateIndex
CREATE UNIQUE INDEX "sms_message_idempotency_key_key" ON "sms_message"("idempotency_key");

-- CreateIndex
CREATE INDEX "sms_message_subscriber_id_created_at_idx" ON "sms_message"("subscriber_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "vip_assignment_assignment_key_key" ON "vip_assignment"("assignment_key");

-- CreateIndex
CREATE INDEX "vip_assignment_manager_id_ended_at_idx" ON "vip_assignment"("manager_id", "ended_at");

-- CreateIndex
CREATE UNIQUE INDEX "network_ticket_idempotency_key_key" ON "network_ticket"("idempotency_key");

-- CreateIndex
CREATE UNIQUE INDEX "audit_event_idempotency_key_key" ON "audit_event"("idempotency_key");

-- CreateIndex
CREATE INDEX "audit_event_subscriber_id_at_idx" ON "audit_event"("subscriber_id", "at");

-- CreateIndex
CREATE INDEX "audit_event_type_at_idx" ON "audit_event"("type", "at");

-- AddForeignKey
ALTER TABLE "staff" ADD CONSTRAINT "staff_store_id_fkey" FOREIGN KEY ("store_id") REFERENCES "store"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "subscriber" ADD CONSTRAINT "subscriber_store_id_fkey" FOREIGN KEY ("store_id") REFERENCES "store"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "subscriber" ADD CONSTRAINT "subscriber_plan_code_fkey" FOREIGN KEY ("plan_code") REFERENCES "plan"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "journey" ADD CONSTRAINT "journey_subscriber_id_fkey" FOREIGN KEY ("subscriber_id") REFERENCES "subscriber"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task" ADD CONSTRAINT "task_journey_id_fkey" FOREIGN KEY ("journey_id") REFERENCES "journey"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task" ADD CONSTRAINT "task_subscriber_id_fkey" FOREIGN KEY ("subscriber_id") REFERENCES "subscriber"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task" ADD CONSTRAINT "task_assignee_id_fkey" FOREIGN KEY ("assignee_id") REFERENCES "staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sms_message" ADD CONSTRAINT "sms_message_subscriber_id_fkey" FOREIGN KEY ("subscriber_id") REFERENCES "subscriber"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "vip_assignment" ADD CONSTRAINT "vip_assignment_subscriber_id_fkey" FOREIGN KEY ("subscriber_id") REFERENCES "subscriber"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "vip_assignment" ADD CONSTRAINT "vip_assignment_manager_id_fkey" FOREIGN KEY ("manager_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "usage_record" ADD CONSTRAINT "usage_record_subscriber_id_fkey" FOREIGN KEY ("subscriber_id") REFERENCES "subscriber"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "network_ticket" ADD CONSTRAINT "network_ticket_subscriber_id_fkey" FOREIGN KEY ("subscriber_id") REFERENCES "subscriber"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

