-- The connection a dead letter concerns, so that operators can choose dead letters by connection
-- in SQL: a webhook's from its source ('telegram/sales'; the legacy 'GENESYS' was the default
-- connection; a WhatsApp webhook names none), an outbox entry's from its lane
-- ('contact-center:sales:...' or 'customer:sales:...').
ALTER TABLE dead_letter_webhook ADD COLUMN connection VARCHAR(32);
UPDATE dead_letter_webhook
  SET connection = SUBSTRING(source FROM POSITION('/' IN source) + 1)
  WHERE POSITION('/' IN source) > 0;
UPDATE dead_letter_webhook SET connection = 'default' WHERE source = 'GENESYS';
CREATE INDEX dead_letter_webhook_connection ON dead_letter_webhook (connection, seq);

ALTER TABLE dead_letter_outbox ADD COLUMN connection VARCHAR(32);
UPDATE dead_letter_outbox
  SET connection = SUBSTRING(
    SUBSTRING(lane FROM POSITION(':' IN lane) + 1)
    FROM 1
    FOR POSITION(':' IN SUBSTRING(lane FROM POSITION(':' IN lane) + 1)) - 1)
  WHERE POSITION(':' IN SUBSTRING(lane FROM POSITION(':' IN lane) + 1)) > 1;
CREATE INDEX dead_letter_outbox_connection ON dead_letter_outbox (connection, seq);
