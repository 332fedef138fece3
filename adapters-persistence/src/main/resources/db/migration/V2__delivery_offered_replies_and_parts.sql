-- Issue 3 (rich messages): a delivery remembers the quick replies its send offered, so that a
-- customer's tap can be traced back to the contact center's payload, and whether it is the last
-- send of its message (only the last one reports Delivered). One script for PostgreSQL and H2 2.x
-- in MODE=PostgreSQL; rows written before keep the meaning they had: no replies, a single send.

-- The offered quick replies as a JSON array of {"title", "payload"} (the OutboxCodec's form).
ALTER TABLE delivery ADD COLUMN offered_replies VARCHAR DEFAULT '[]' NOT NULL;

-- Whether this send is the last one of its message.
ALTER TABLE delivery ADD COLUMN final_part BOOLEAN DEFAULT TRUE NOT NULL;
