-- An import's report, one row per written batch instead of one per record (issue 7). A row per record cost
-- PostgreSQL a tuple, a primary-key entry and a foreign-key check for every imported proposal: 36 of the
-- about 220 microseconds of SQL a created row took (pg_stat_statements, 27 November). The report is only
-- read in order, a page at a time, so a batch's records are kept as parallel arrays: element i (from 1) is
-- record first_seq + i - 1.
CREATE TABLE import_batch (
    job_id          uuid           NOT NULL REFERENCES import_job (id) ON DELETE CASCADE,
    first_seq       integer        NOT NULL,
    last_seq        integer        NOT NULL,
    lines           bigint[]       NOT NULL,
    external_ids    varchar(200)[] NOT NULL,
    outcomes        varchar(16)[]  NOT NULL,
    proposal_ids    uuid[]         NOT NULL,
    -- A JSON array with one element per record: null, or the record's field errors.
    errors          jsonb          NOT NULL,
    PRIMARY KEY (job_id, first_seq),
    CHECK (cardinality(lines) = last_seq - first_seq + 1
        AND cardinality(external_ids) = cardinality(lines)
        AND cardinality(outcomes) = cardinality(lines)
        AND cardinality(proposal_ids) = cardinality(lines)
        AND jsonb_array_length(errors) = cardinality(lines))
);

-- Reports written before. An instance of the previous version still importing waits here, then fails on the
-- dropped table, instead of committing report rows after they were copied.
LOCK TABLE import_record IN EXCLUSIVE MODE;

-- Each job numbered its records 1, 2, 3... Should a job have gaps, each unbroken run (island) is stored on its
-- own, 500 records a row, so that first_seq + i - 1 stays true.
INSERT INTO import_batch (job_id, first_seq, last_seq, lines, external_ids, outcomes, proposal_ids, errors)
WITH islands AS (
    SELECT r.*, r.seq - row_number() OVER (PARTITION BY r.job_id ORDER BY r.seq) AS island
    FROM import_record r
), chunks AS (
    SELECT i.*, (row_number() OVER (PARTITION BY i.job_id, i.island ORDER BY i.seq) - 1) / 500 AS chunk
    FROM islands i
)
SELECT job_id, min(seq), max(seq), array_agg(line ORDER BY seq), array_agg(external_id ORDER BY seq),
       array_agg(outcome ORDER BY seq), array_agg(proposal_id ORDER BY seq), jsonb_agg(errors ORDER BY seq)
FROM chunks
GROUP BY job_id, island, chunk;

DROP TABLE import_record;
