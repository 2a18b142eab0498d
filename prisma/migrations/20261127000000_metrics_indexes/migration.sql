-- Indexes for the business figures the API exports to Prometheus (api/business-metrics.ts): each count
-- reads an index only, whatever the number of journeys.

-- Open tasks per role and store, and how many are overdue: the open ones only, so it stays small.
CREATE INDEX "task_open_role_store_id_due_at_idx" ON "task"("role", "store_id", "due_at") WHERE "status" = 'open';

-- Journeys started and ended in the last hour.
CREATE INDEX "journey_started_at_idx" ON "journey"("started_at");
CREATE INDEX "journey_ended_at_idx" ON "journey"("ended_at") WHERE "ended_at" IS NOT NULL;

-- SMS of the last hour by status, and the ones still unsent.
CREATE INDEX "sms_message_created_at_status_idx" ON "sms_message"("created_at", "status");
CREATE INDEX "sms_message_unsent_created_at_idx" ON "sms_message"("created_at") WHERE "status" <> 'sent';
