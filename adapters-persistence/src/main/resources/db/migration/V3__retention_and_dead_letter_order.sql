-- Issue 4 (scale-out): retention jobs and paging through the dead letters. One script for
-- PostgreSQL and H2 2.x in MODE=PostgreSQL.

-- The dead letters of both tables share one sequence, so that their ids ("webhook-<seq>",
-- "outbox-<seq>") are unique across the tables and order them by when they were set aside: a page
-- continues after its last id even when that letter was replayed meanwhile. Rows written before
-- are numbered now, in the order the database returns them.
CREATE SEQUENCE dead_letter_seq;

ALTER TABLE dead_letter_webhook ADD COLUMN seq BIGINT;
UPDATE dead_letter_webhook SET seq = nextval('dead_letter_seq');
ALTER TABLE dead_letter_webhook ALTER COLUMN seq SET DEFAULT nextval('dead_letter_seq');
ALTER TABLE dead_letter_webhook ALTER COLUMN seq SET NOT NULL;
CREATE UNIQUE INDEX dead_letter_webhook_seq ON dead_letter_webhook (seq);
CREATE INDEX dead_letter_webhook_dead_at ON dead_letter_webhook (dead_at);

ALTER TABLE dead_letter_outbox ADD COLUMN seq BIGINT;
UPDATE dead_letter_outbox SET seq = nextval('dead_letter_seq');
ALTER TABLE dead_letter_outbox ALTER COLUMN seq SET DEFAULT nextval('dead_letter_seq');
ALTER TABLE dead_letter_outbox ALTER COLUMN seq SET NOT NULL;
CREATE UNIQUE INDEX dead_letter_outbox_seq ON dead_letter_outbox (seq);
CREATE INDEX dead_letter_outbox_dead_at ON dead_letter_outbox (dead_at);

-- The retention job deletes deliveries by when they last changed (updated_at, stamped by every
-- save) and held reports by when they were held (held_at), oldest first, in batches.
CREATE INDEX delivery_updated_at ON delivery (updated_at);
CREATE INDEX held_status_report_held_at ON held_status_report (held_at);
