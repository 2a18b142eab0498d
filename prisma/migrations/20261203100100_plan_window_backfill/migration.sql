-- Tasks opened in working time before the plan's windows (20261203100000_plan_windows) get the window
-- of the default schedule, so the SLA figures count them against it too (docs/calendar.md#sla-figures).
-- The rest count against their due time: calendar-day tasks (due at the window's end already), and
-- callbacks, club work orders, SMS orders and journey faults, whose windows the rows do not hold.
UPDATE "task" t SET "window_ends_at" = s."activated_at" + CASE t."type"
        WHEN 'onboarding_coaching' THEN interval '3 days'
        WHEN 'first_followup_call' THEN interval '10 days'
        WHEN 'plan_fit_consultation' THEN interval '90 days'
        ELSE interval '60 days' END
    FROM "subscriber" s
    WHERE s."id" = t."subscriber_id" AND t."calendar_version" IS NOT NULL AND t."window_ends_at" IS NULL
        AND t."type" IN ('onboarding_coaching', 'first_followup_call', 'vas_telemarketing', 'vip_service_recommendation', 'plan_fit_consultation');
UPDATE "task" SET "window_ends_at" = (("payload"->>'hangupAt')::timestamptz AT TIME ZONE 'UTC') + interval '2 hours'
    WHERE "calendar_version" IS NOT NULL AND "window_ends_at" IS NULL AND "type" = 'hotline_callback' AND "payload" ? 'hangupAt';
UPDATE "task" SET "window_ends_at" = ("payload"->>'firstPaymentDueAt')::timestamptz AT TIME ZONE 'UTC'
    WHERE "calendar_version" IS NOT NULL AND "window_ends_at" IS NULL AND "type" = 'payment_reminder_call' AND "payload" ? 'firstPaymentDueAt';
UPDATE "task" t SET "window_ends_at" = (
        SELECT max(a."assigned_at") FROM "vip_assignment" a
        WHERE a."subscriber_id" = t."subscriber_id" AND a."manager_id" = t."assignee_id" AND a."assigned_at" <= t."available_at"
    ) + interval '7 days'
    WHERE t."calendar_version" IS NOT NULL AND t."window_ends_at" IS NULL AND t."type" = 'vip_first_call';
