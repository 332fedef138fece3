-- Issue 11 (channels and connections): every customer, conversation, lane, delivery and dedupe id
-- belongs to exactly one connection (a WhatsApp number or a Telegram bot, bound to one Genesys
-- integration). What earlier releases wrote belongs to the connection named 'default', the one the
-- top-level settings describe. One script for PostgreSQL and H2 2.x in MODE=PostgreSQL.

-- A webhook's source now names the connection its address named: 'genesys/sales',
-- 'telegram/support' (earlier releases wrote 'WHATSAPP' and 'GENESYS'; both are still read).
ALTER TABLE inbox_event ALTER COLUMN source SET DATA TYPE VARCHAR(64);
ALTER TABLE dead_letter_webhook ALTER COLUMN source SET DATA TYPE VARCHAR(64);

-- One conversation per connection and customer: a customer who writes to two numbers has two
-- windows. The business number the customer wrote to is now the connection's own; in its place the
-- channel may keep an opaque reply route (none for the rows written before).
CREATE TABLE conversation_by_connection (
  connection VARCHAR(32) NOT NULL,
  customer_kind VARCHAR(16) NOT NULL,
  customer_value VARCHAR(256) NOT NULL,
  last_customer_message_at TIMESTAMP WITH TIME ZONE,
  reply_route VARCHAR(256),
  last_customer_message_id VARCHAR(512),
  PRIMARY KEY (connection, customer_kind, customer_value)
);
INSERT INTO conversation_by_connection
  (connection, customer_kind, customer_value, last_customer_message_at, last_customer_message_id)
  SELECT 'default', customer_kind, customer_value, last_customer_message_at,
         last_customer_message_id
  FROM conversation;
DROP TABLE conversation;
ALTER TABLE conversation_by_connection RENAME TO conversation;

-- Customers' profile names, per connection.
CREATE TABLE contact_by_connection (
  connection VARCHAR(32) NOT NULL,
  customer_kind VARCHAR(16) NOT NULL,
  customer_value VARCHAR(256) NOT NULL,
  display_name VARCHAR(1024),
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (connection, customer_kind, customer_value)
);
INSERT INTO contact_by_connection
  (connection, customer_kind, customer_value, display_name, updated_at)
  SELECT 'default', customer_kind, customer_value, display_name, updated_at FROM contact;
DROP TABLE contact;
ALTER TABLE contact_by_connection RENAME TO contact;

-- Messages sent to customers, by connection and the channel's id (two Telegram bots number their
-- chats' messages alike).
CREATE TABLE delivery_by_connection (
  connection VARCHAR(32) NOT NULL,
  channel_message_id VARCHAR(512) NOT NULL,
  contact_center_message_id VARCHAR(512) NOT NULL,
  customer_kind VARCHAR(16) NOT NULL,
  customer_value VARCHAR(256) NOT NULL,
  status VARCHAR(16) NOT NULL,
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
  offered_replies VARCHAR DEFAULT '[]' NOT NULL,
  final_part BOOLEAN DEFAULT TRUE NOT NULL,
  PRIMARY KEY (connection, channel_message_id)
);
INSERT INTO delivery_by_connection
  (connection, channel_message_id, contact_center_message_id, customer_kind, customer_value,
   status, updated_at, offered_replies, final_part)
  SELECT 'default', channel_message_id, contact_center_message_id, customer_kind, customer_value,
         status, updated_at, offered_replies, final_part
  FROM delivery;
DROP TABLE delivery;
ALTER TABLE delivery_by_connection RENAME TO delivery;
CREATE INDEX delivery_updated_at ON delivery (updated_at);

-- Status reports held for messages not known yet, per connection.
ALTER TABLE held_status_report ADD COLUMN connection VARCHAR(32) DEFAULT 'default' NOT NULL;
DROP INDEX held_status_report_message;
CREATE INDEX held_status_report_message ON held_status_report (connection, channel_message_id);

-- Dedupe ids are namespaced by who gave the id and by connection: 'whatsapp:<wamid>' becomes
-- 'whatsapp:default:<wamid>', 'genesys:<id>' becomes 'contact-center:default:<id>'.
UPDATE processed_message
  SET message_key = 'whatsapp:default:' || SUBSTRING(message_key FROM 10)
  WHERE message_key LIKE 'whatsapp:%';
UPDATE processed_message
  SET message_key = 'contact-center:default:' || SUBSTRING(message_key FROM 9)
  WHERE message_key LIKE 'genesys:%';

-- Lanes are per connection and customer: 'contact-center:<customer>' becomes
-- 'contact-center:default:<customer>', 'customer:<customer>' becomes 'customer:default:<customer>'
-- (pending work keeps its place in its lane).
UPDATE outbox_lane
  SET lane = 'contact-center:default:' || SUBSTRING(lane FROM 16)
  WHERE lane LIKE 'contact-center:%';
UPDATE outbox_lane
  SET lane = 'customer:default:' || SUBSTRING(lane FROM 10)
  WHERE lane LIKE 'customer:%';
UPDATE outbox_entry
  SET lane = 'contact-center:default:' || SUBSTRING(lane FROM 16)
  WHERE lane LIKE 'contact-center:%';
UPDATE outbox_entry
  SET lane = 'customer:default:' || SUBSTRING(lane FROM 10)
  WHERE lane LIKE 'customer:%';
UPDATE dead_letter_outbox
  SET lane = 'contact-center:default:' || SUBSTRING(lane FROM 16)
  WHERE lane LIKE 'contact-center:%';
UPDATE dead_letter_outbox
  SET lane = 'customer:default:' || SUBSTRING(lane FROM 10)
  WHERE lane LIKE 'customer:%';
