-- The schema's integrity constraints are back (issue 24): V6 dropped this foreign key to save 8 to 13 microseconds
-- an access row; the measurement that decided to keep it is in docs/benchmarks.md ("Schema constraints").
ALTER TABLE proposal_speaker_access
    ADD CONSTRAINT proposal_speaker_access_proposal_id_fkey
    FOREIGN KEY (proposal_id) REFERENCES proposal (id) ON DELETE CASCADE;
