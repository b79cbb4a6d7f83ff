-- One submission, statement for statement as submission-service runs it (ProposalService.create with
-- Outbox.append, no Idempotency-Key): read the event by slug, insert the proposal, insert the access rows
-- (the submitter's subject and both speakers' emails) in one statement, insert the outbox row with the
-- full event payload and NOTIFY the relay in one statement; then commit. Run with -M prepared (the JDBC driver
-- prepares statements on the server too). Variables come from run.sh with -D.
\set a random(1, 4611686018427387903)
\set b random(1, 4611686018427387903)
\set c random(1, 4611686018427387903)
\set n random(1, 1000000000)
BEGIN;
SELECT id, cfp_closes_at, cfp_opens_at, created_at, created_by, formats, languages, name_en, name_zh, slug, time_zone, tracks, updated_at, version FROM bench_ceiling.event WHERE slug = :slug FETCH FIRST 1 ROWS ONLY;
INSERT INTO bench_ceiling.proposal (abstract, created_at, description, event_id, external_id, format, track, language, notes, owner_subject, speakers, status, submitted_at, tags, title, updated_at, version, id) VALUES (:abstract, now(), :description, :event_id, NULL, :format, :track, :language, :notes, :owner, CAST(:speakers AS jsonb), 'SUBMITTED', now(), CAST(:tags AS jsonb), CAST(:title AS text) || CAST(:n AS text), now(), 1, CAST(lpad(to_hex(CAST(:a AS bigint)), 16, '0') || lpad(to_hex(CAST(:b AS bigint)), 16, '0') AS uuid));
INSERT INTO bench_ceiling.proposal_speaker_access (proposal_id, principal) SELECT CAST(lpad(to_hex(CAST(:a AS bigint)), 16, '0') || lpad(to_hex(CAST(:b AS bigint)), 16, '0') AS uuid), unnest(CAST(ARRAY[:owner, :email1, :email2] AS text[])) ON CONFLICT DO NOTHING;
WITH appended AS (INSERT INTO bench_ceiling.outbox (id, aggregatetype, aggregateid, type, topic, payload) VALUES (CAST(lpad(to_hex(CAST(:c AS bigint)), 16, '0') || lpad(to_hex(CAST(:b AS bigint)), 16, '0') AS uuid), 'proposal', CAST(lpad(to_hex(CAST(:a AS bigint)), 16, '0') || lpad(to_hex(CAST(:b AS bigint)), 16, '0') AS uuid)::text, 'dev.lectern.proposal.submitted.v1', 'cfp.proposals', CAST(:payload AS json)) RETURNING seq) SELECT pg_notify('lectern_bench_ceiling', '') FROM appended;
END;
