-- An Idempotency-Key belongs to its caller and its endpoint (the event included): the same key sent to another
-- event's proposals is another request. Keys expire (lectern.idempotency.ttl) and are purged by created_at.
ALTER TABLE idempotency_key ADD COLUMN scope varchar(400) NOT NULL DEFAULT '';
ALTER TABLE idempotency_key DROP CONSTRAINT idempotency_key_pkey;
ALTER TABLE idempotency_key ADD PRIMARY KEY (principal, scope, key);
CREATE INDEX idempotency_key_created_idx ON idempotency_key (created_at);
