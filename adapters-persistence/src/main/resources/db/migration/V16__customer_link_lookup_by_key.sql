-- Issue 15 (performance): a customer's link is looked up by its key (connection, kind, value), the
-- primary key, once per customer message. The index by participant also began with the connection,
-- so a plan made before the table had statistics (a fresh database, or autovacuum off) could take
-- it for that lookup, matching on the connection alone and filtering every customer of the
-- connection: 1,000 rows read per message in a benchmark's drain, 30 % of PostgreSQL's time. The
-- index by participant now begins with the participant's value, so that only the primary key fits
-- the lookup by key, and the lookups by participant still find their rows at once.
DROP INDEX customer_link_by_participant;
CREATE INDEX customer_link_by_participant
  ON customer_link (participant_value, participant_kind, connection);
