-- Issue 12 (fidelity): one customer stays one participant of the contact center. WhatsApp may name
-- a customer by phone number, by business-scoped user id, or both, and a customer may change either:
-- every id the bridge has seen together is linked, per connection, to the id the contact center
-- first knew the customer by (the participant). Nothing earlier releases wrote is linked: an id
-- without a link is its own participant, as it always was. One script for PostgreSQL and H2 2.x in
-- MODE=PostgreSQL.
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
