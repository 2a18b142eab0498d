-- The last four characters of the subscriber's ID number (身份证号码后四位), which the follow-up call
-- verifies with the customer (入网基本信息核实). Personal data like the name and address: cleared on
-- erasure. Null when the activation did not give it, and for every subscriber activated before.
ALTER TABLE "subscriber" ADD COLUMN "id_number_last4" TEXT,
  ADD CONSTRAINT "subscriber_id_number_last4_check" CHECK ("id_number_last4" ~ '^[0-9]{3}[0-9X]$');
