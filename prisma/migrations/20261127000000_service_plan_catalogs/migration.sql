-- Catalogs of the operator's service plan (issue 9): the 3G Club's service levels and work-order
-- services, tiered services per VIP tier, local club activities, and promotions with launch dates.
-- Codes the application matches on are checked here, so a bad seed or a hand edit fails at once.

-- CreateTable
CREATE TABLE "club_service_level" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "for_customers" TEXT NOT NULL,
    "for_customers_en" TEXT NOT NULL,
    "min_minutes" INTEGER NOT NULL,
    "max_minutes" INTEGER NOT NULL,

    CONSTRAINT "club_service_level_pkey" PRIMARY KEY ("code"),
    CONSTRAINT "club_service_level_code" CHECK ("code" IN ('standard', 'extended', 'professional')),
    CONSTRAINT "club_service_level_minutes" CHECK ("min_minutes" > 0 AND "min_minutes" < "max_minutes")
);

-- CreateTable: app installs name their phone system, joining names its club, nothing else does.
CREATE TABLE "club_service" (
    "code" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "phone_system" TEXT,
    "club" TEXT,
    "name" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "description_en" TEXT NOT NULL,
    "typical_minutes" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "club_service_pkey" PRIMARY KEY ("code"),
    CONSTRAINT "club_service_kind" CHECK ("kind" IN ('phone_activation', 'app_install', 'contacts_transfer', 'usage_coaching', 'internet_setup', 'join_club')),
    CONSTRAINT "club_service_phone_system" CHECK (("kind" = 'app_install') = ("phone_system" IS NOT NULL) AND ("phone_system" IS NULL OR "phone_system" IN ('ios', 'android', 'symbian', 'windows_mobile'))),
    CONSTRAINT "club_service_club" CHECK (("kind" = 'join_club') = ("club" IS NOT NULL) AND ("club" IS NULL OR "club" IN ('3g_club', 'film_club', 'music_club'))),
    CONSTRAINT "club_service_typical_minutes" CHECK ("typical_minutes" > 0)
);

-- CreateTable: one row per service as one VIP tier receives it.
CREATE TABLE "tiered_service" (
    "tier" "tier" NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "detail_en" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "tiered_service_pkey" PRIMARY KEY ("tier", "code"),
    CONSTRAINT "tiered_service_vip_only" CHECK ("tier" <> 'standard')
);

-- CreateTable: a store's own activity, or its region's (store_id null).
CREATE TABLE "club_activity" (
    "id" TEXT NOT NULL,
    "club" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "store_id" TEXT,
    "title" TEXT NOT NULL,
    "title_en" TEXT NOT NULL,
    "venue" TEXT NOT NULL,
    "venue_en" TEXT NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "club_activity_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "club_activity_club" CHECK ("club" IN ('3g_club', 'film_club', 'music_club')),
    CONSTRAINT "club_activity_times" CHECK ("ends_at" > "starts_at")
);

-- CreateTable: region null runs province-wide; an offer not yet launched has launch_at in the future.
CREATE TABLE "promotion" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "description_en" TEXT NOT NULL,
    "region" TEXT,
    "launch_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3),

    CONSTRAINT "promotion_pkey" PRIMARY KEY ("code"),
    CONSTRAINT "promotion_times" CHECK ("ends_at" IS NULL OR "ends_at" > "launch_at")
);

-- CreateIndex
CREATE INDEX "club_activity_region_starts_at_idx" ON "club_activity"("region", "starts_at");

-- CreateIndex
CREATE INDEX "club_activity_store_id_idx" ON "club_activity"("store_id");

-- CreateIndex
CREATE INDEX "promotion_launch_at_idx" ON "promotion"("launch_at");

-- AddForeignKey
ALTER TABLE "club_activity" ADD CONSTRAINT "club_activity_store_id_fkey" FOREIGN KEY ("store_id") REFERENCES "store"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
