-- Staff access (issue 8): two roles, staff without a password until they set one, store staff
-- always with a store, server-side sessions, one-time set-password links, a shared sign-in throttle.

-- AlterEnum
ALTER TYPE "staff_role" ADD VALUE 'engineer';
ALTER TYPE "staff_role" ADD VALUE 'administrator';

-- AlterTable: imported staff have no usable password until they follow their set-password link.
ALTER TABLE "staff" ALTER COLUMN "password_hash" DROP NOT NULL;

-- A store or club staff member without a store would see every store's tasks. NOT VALID: the rule
-- holds for every row written from now on; a row from before is refused at sign-in, and
-- `ALTER TABLE "staff" VALIDATE CONSTRAINT "staff_store_role_has_store"` proves none is left.
ALTER TABLE "staff" ADD CONSTRAINT "staff_store_role_has_store"
    CHECK ("role" NOT IN ('store', 'club') OR "store_id" IS NOT NULL) NOT VALID;

-- CreateTable
CREATE TABLE "staff_session" (
    "id" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "staff_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "staff_session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "password_link" (
    "id" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "staff_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),

    CONSTRAINT "password_link_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sign_in_attempt" (
    "id" BIGSERIAL NOT NULL,
    "username" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sign_in_attempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "staff_session_token_hash_key" ON "staff_session"("token_hash");

-- CreateIndex
CREATE INDEX "staff_session_staff_id_idx" ON "staff_session"("staff_id");

-- CreateIndex
CREATE INDEX "staff_session_expires_at_idx" ON "staff_session"("expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "password_link_token_hash_key" ON "password_link"("token_hash");

-- CreateIndex
CREATE INDEX "password_link_staff_id_idx" ON "password_link"("staff_id");

-- CreateIndex
CREATE INDEX "sign_in_attempt_username_at_idx" ON "sign_in_attempt"("username", "at");

-- CreateIndex
CREATE INDEX "sign_in_attempt_address_at_idx" ON "sign_in_attempt"("address", "at");

-- CreateIndex
CREATE INDEX "sign_in_attempt_at_idx" ON "sign_in_attempt"("at");

-- AddForeignKey
ALTER TABLE "staff_session" ADD CONSTRAINT "staff_session_staff_id_fkey" FOREIGN KEY ("staff_id") REFERENCES "staff"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "password_link" ADD CONSTRAINT "password_link_staff_id_fkey" FOREIGN KEY ("staff_id") REFERENCES "staff"("id") ON DELETE CASCADE ON UPDATE CASCADE;
