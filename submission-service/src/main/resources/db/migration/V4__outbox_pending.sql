-- The relay's queue: one narrow row per outbox row Kafka has not acknowledged yet, deleted once it has.
-- Marking the wide outbox row sent instead rewrote all of it (sent_at is indexed, so the update could not be
-- HOT: a new 1 KB tuple, an entry in every index, and dead tuples for vacuum), about a third of the WAL an
-- imported proposal cost. Outbox rows are now written once and only deleted after the retention.
CREATE TABLE outbox_pending (
    seq             bigint       PRIMARY KEY
);
INSERT INTO outbox_pending (seq) SELECT seq FROM outbox WHERE sent_at IS NULL;
DROP INDEX outbox_unsent_idx;
DROP INDEX outbox_sent_idx;
ALTER TABLE outbox DROP COLUMN sent_at;
