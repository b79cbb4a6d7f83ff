-- As in submission-service (V4): the relay's queue, one narrow row per outbox row Kafka has not acknowledged
-- yet, filled by a statement trigger and emptied by the relay, so that outbox rows are never rewritten.
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
