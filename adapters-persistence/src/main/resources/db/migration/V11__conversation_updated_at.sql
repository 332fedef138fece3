-- When a conversation last changed, so that conversations are purged after the retention like the
-- rest of the personal data. Conversations kept before this count as changed now: each gets the
-- full retention from the upgrade.
ALTER TABLE conversation ADD COLUMN updated_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL;
CREATE INDEX conversation_updated_at ON conversation (updated_at);
CREATE INDEX contact_updated_at ON contact (updated_at);
CREATE INDEX customer_link_linked_at ON customer_link (linked_at);
CREATE INDEX held_message_by_held_at ON held_message (held_at);
CREATE INDEX delivery_customer ON delivery (connection, customer_kind, customer_value);
CREATE INDEX message_outcome_customer ON message_outcome (connection, customer_kind, customer_value);
