-- The relay's queue: one narrow row per outbox row Kafka has not acknowledged yet, deleted once it has.
-- Marking the wide outbox row sent instead rewrote all of it (sent_at was indexed, so the update could not be
-- HOT: a new 1 KB tuple, an entry in every index, and dead tuples for vacuum), about a quarter of the WAL an
-- imported proposal cost. Outbox rows are now written once and only deleted after the retention.
--
-- A statement trigger queues every inserted row, one call per INSERT statement, so that whatever inserts into
-- the outbox (an instance still running the previous version during a rolling upgrade included) is queued.
-- The table lock keeps writers out while the unsent rows are moved over.
LOCK TABLE outbox IN EXCLUSIVE MODE;

CREATE TABLE outbox_pending (
    seq             bigint       PRIMARY KEY
);

CREATE FUNCTION outbox_queue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO outbox_pending (seq) SELECT seq FROM appended;
    RETURN NULL;
END
$$;
CREATE TRIGGER outbox_queue AFTER INSERT ON outbox REFERENCING NEW TABLE AS appended
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_queue();

INSERT INTO outbox_pending (seq) SELECT seq FROM outbox WHERE sent_at IS NULL;
DROP INDEX outbox_unsent_idx;
DROP INDEX outbox_sent_idx;
-- A relay of the previous version fails on its next read (it looks for sent_at) instead of sending again.
ALTER TABLE outbox DROP COLUMN sent_at;
