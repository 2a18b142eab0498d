-- The plan's SLAs counted: a VIP's account manager is due within 3 days of the rating.
ALTER TABLE "vip_assignment" ADD COLUMN "rated_at" TIMESTAMP(3);
