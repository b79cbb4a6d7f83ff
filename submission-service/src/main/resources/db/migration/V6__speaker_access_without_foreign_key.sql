-- Speaker access rows are written only together with their proposal, in its transaction (ProposalService for
-- the submit API, ProposalRows for imports), and proposals are never deleted. The foreign key checked what that
-- code already guarantees, with one lookup of the proposal per access row: 8 to 13 microseconds a row in
-- EXPLAIN ANALYZE of 20,000 rows, a tenth of PostgreSQL's work for an imported proposal (docs/benchmarks.md,
-- "Bulk import"). ImportTest checks by behaviour that every access row names a stored proposal.
ALTER TABLE proposal_speaker_access DROP CONSTRAINT proposal_speaker_access_proposal_id_fkey;
