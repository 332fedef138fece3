-- Issue 12 (fidelity): one customer stays one participant of the contact center. WhatsApp may name
-- a customer by phone number, by business-scoped user id, or both, and a customer may change either:
-- every id the bridge has seen together is linked, per connection, to the id the contact center
-- first knew the customer by (the participant). Every customer an earlier release talked to is its
-- own participant (a link to itself), so that when they later show another id, the one the contact
-- center knows stays the participant. One script for PostgreSQL and H2 2.x in MODE=PostgreSQL.
CREATE TABLE customer_link (
  connection VARCHAR(32) NOT NULL,
  customer_kind VARCHAR(16) NOT NULL,
  customer_value VARCHAR(256) NOT NULL,
  participant_kind VARCHAR(16) NOT NULL,
  participant_value VARCHAR(256) NOT NULL,
  linked_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (connection, customer_kind, customer_value)
);
CREATE INDEX customer_link_by_participant
  ON customer_link (connection, participant_kind, participant_value);
INSERT INTO customer_link
  (connection, customer_kind, customer_value, participant_kind, participant_value, linked_at)
  SELECT connection, customer_kind, customer_value, customer_kind, customer_value, CURRENT_TIMESTAMP
  FROM conversation;
