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

-- Reports written before: each job's records were numbered 1, 2, 3... without gaps.
INSERT INTO import_batch (job_id, first_seq, last_seq, lines, external_ids, outcomes, proposal_ids, errors)
SELECT job_id, min(seq), max(seq), array_agg(line ORDER BY seq), array_agg(external_id ORDER BY seq),
       array_agg(outcome ORDER BY seq), array_agg(proposal_id ORDER BY seq),
       jsonb_agg(errors ORDER BY seq)
FROM import_record
GROUP BY job_id, (seq - 1) / 500;

DROP TABLE import_record;
