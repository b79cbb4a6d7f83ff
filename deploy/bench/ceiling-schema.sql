-- The pgbench ceiling writes into a scratch schema with the same tables, indexes, constraints and
-- foreign keys as submission-service's own (copied from the live schema with LIKE ... INCLUDING ALL),
-- so that the outbox relay never sees (and never publishes) the ceiling's rows.
-- psql variable: slug (the benchmark event, copied so the proposal's foreign key has a target).
DROP SCHEMA IF EXISTS bench_ceiling CASCADE;
CREATE SCHEMA bench_ceiling;
CREATE TABLE bench_ceiling.event (LIKE public.event INCLUDING ALL);
CREATE TABLE bench_ceiling.proposal (LIKE public.proposal INCLUDING ALL);
ALTER TABLE bench_ceiling.proposal ADD FOREIGN KEY (event_id) REFERENCES bench_ceiling.event (id);
CREATE TABLE bench_ceiling.proposal_speaker_access (LIKE public.proposal_speaker_access INCLUDING ALL);
-- The foreign key the service's table has again since V11__speaker_access_foreign_key.sql (V6 had dropped it).
ALTER TABLE bench_ceiling.proposal_speaker_access ADD FOREIGN KEY (proposal_id) REFERENCES bench_ceiling.proposal (id) ON DELETE CASCADE;
CREATE SEQUENCE bench_ceiling.outbox_seq;
CREATE TABLE bench_ceiling.outbox (LIKE public.outbox INCLUDING ALL);
ALTER TABLE bench_ceiling.outbox ALTER COLUMN seq SET DEFAULT nextval('bench_ceiling.outbox_seq');
-- The relay's queue and the statement trigger that fills it, as in V4__outbox_pending.sql (LIKE copies no
-- trigger, and the service's trigger function writes to public.outbox_pending).
CREATE TABLE bench_ceiling.outbox_pending (LIKE public.outbox_pending INCLUDING ALL);
CREATE FUNCTION bench_ceiling.outbox_queue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO bench_ceiling.outbox_pending (seq) SELECT seq FROM appended;
    RETURN NULL;
END
$$;
CREATE TRIGGER outbox_queue AFTER INSERT ON bench_ceiling.outbox REFERENCING NEW TABLE AS appended
    FOR EACH STATEMENT EXECUTE FUNCTION bench_ceiling.outbox_queue();
INSERT INTO bench_ceiling.event SELECT * FROM public.event WHERE slug = :'slug';
