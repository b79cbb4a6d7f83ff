-- One submission, statement for statement as submission-service writes a submission that arrives alone
-- (NewProposals with a batch of one: ProposalRows.insert and Outbox.append, no Idempotency-Key): insert the
-- proposal, insert the access rows (both speakers' emails: the submitter is one of them) in one statement, insert
-- the outbox row with the full event payload (its trigger queues it for the relay) and NOTIFY the relay in one
-- statement; then commit. Submissions that arrive together the service writes several to a transaction (batched
-- statements, one commit); this ceiling commits every submission on its own, as each request did before.
-- The service reads the event from a cache (EventCache: once a second per instance), so the transaction
-- does not read it. Run with -M prepared (the JDBC driver prepares statements on the server too).
-- Variables come from run.sh with -D.
\set a random(1, 4611686018427387903)
\set b random(1, 4611686018427387903)
\set c random(1, 4611686018427387903)
\set n random(1, 1000000000)
BEGIN;
INSERT INTO bench_ceiling.proposal (id, event_id, status, version, title, abstract, description, format, track, language, tags, speakers, notes, owner_subject, external_id, created_at, updated_at, submitted_at) VALUES (CAST(lpad(to_hex(CAST(:a AS bigint)), 16, '0') || lpad(to_hex(CAST(:b AS bigint)), 16, '0') AS uuid), :event_id, 'SUBMITTED', 1, CAST(:title AS text) || CAST(:n AS text), :abstract, :description, :format, :track, :language, CAST(:tags AS jsonb), CAST(:speakers AS jsonb), :notes, :owner, NULL, now(), now(), now());
INSERT INTO bench_ceiling.proposal_speaker_access (proposal_id, principal) SELECT CAST(lpad(to_hex(CAST(:a AS bigint)), 16, '0') || lpad(to_hex(CAST(:b AS bigint)), 16, '0') AS uuid), unnest(CAST(ARRAY[:email1, :email2] AS text[])) ON CONFLICT DO NOTHING;
WITH appended AS (INSERT INTO bench_ceiling.outbox (id, aggregatetype, aggregateid, type, topic, payload) VALUES (CAST(lpad(to_hex(CAST(:c AS bigint)), 16, '0') || lpad(to_hex(CAST(:b AS bigint)), 16, '0') AS uuid), 'proposal', CAST(lpad(to_hex(CAST(:a AS bigint)), 16, '0') || lpad(to_hex(CAST(:b AS bigint)), 16, '0') AS uuid)::text, 'dev.lectern.proposal.submitted.v1', 'cfp.proposals', CAST(:payload AS json)) RETURNING seq) SELECT pg_notify('lectern_bench_ceiling', '') FROM appended;
END;
