-- As in submission-service: the relay's queue, one narrow row per outbox row Kafka has not acknowledged yet,
-- deleted once it has, so that outbox rows are written once and never rewritten to be marked sent.
CREATE TABLE outbox_pending (
    seq             bigint       PRIMARY KEY
);
INSERT INTO outbox_pending (seq) SELECT seq FROM outbox WHERE sent_at IS NULL;
DROP INDEX outbox_unsent_idx;
DROP INDEX outbox_sent_idx;
ALTER TABLE outbox DROP COLUMN sent_at;
