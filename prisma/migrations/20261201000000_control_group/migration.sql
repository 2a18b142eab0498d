-- The control group that measures the lift of a paid human touch (docs/control-group.md): each
-- subscriber's group, decided once at activation. Null for subscribers outside the experiment,
-- including every one activated before it existed.
ALTER TABLE "subscriber" ADD COLUMN "experiment_group" TEXT,
  ADD COLUMN "experiment_touch" TEXT,
  ADD CONSTRAINT "subscriber_experiment_group_check" CHECK ("experiment_group" IN ('control', 'treatment')),
  ADD CONSTRAINT "subscriber_experiment_touch_check"
    CHECK ("experiment_touch" IN ('first_followup_call', 'vas_telemarketing')),
  ADD CONSTRAINT "subscriber_experiment_both_or_neither"
    CHECK (("experiment_group" IS NULL) = ("experiment_touch" IS NULL));

-- The lift report groups the experiment's subscribers by touch and group.
CREATE INDEX "subscriber_experiment_touch_experiment_group_idx" ON "subscriber"("experiment_touch", "experiment_group");
