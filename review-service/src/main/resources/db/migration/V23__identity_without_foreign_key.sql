-- A proposal's identity row is written only together with its content row, in the same transaction
-- (ProjectionService: store() and upsert()), and projected proposals are never deleted. The foreign key checked
-- what that code already guarantees, with one lookup of the content row per identity row, on the path that
-- applies every proposal event (docs/benchmarks.md, "Bulk import"). BatchProjectionTest checks by behaviour
-- that identity and content rows come in pairs.
ALTER TABLE proposal_identity DROP CONSTRAINT proposal_identity_proposal_id_fkey;
