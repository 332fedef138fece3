-- The embedded default keeps accepted webhooks in an append-only journal next to the H2 database
-- (JournalInbox); how far processing got is kept here, and moves in the same transaction as the
-- effects of the webhooks processed. One script for PostgreSQL and H2 2.x in MODE=PostgreSQL (on
-- PostgreSQL the tables stay unused: its inbox is the inbox_event table).

-- The sequence number of the last journal record processed; one row.
CREATE TABLE inbox_journal_position (
  id INTEGER PRIMARY KEY,
  processed_through BIGINT NOT NULL
);
INSERT INTO inbox_journal_position (id, processed_through) VALUES (1, 0);

-- Failed processing attempts of journal records still waiting (usually none).
CREATE TABLE inbox_journal_attempt (
  seq BIGINT PRIMARY KEY,
  failed_attempts INTEGER NOT NULL
);
