-- Bulk imports (issue 7): one row per import run, updated after every batch so a long import can be
-- followed, and one row per record with its outcome so the final report can be fetched again.
CREATE TABLE import_job (
    id              uuid         PRIMARY KEY,
    event_id        uuid         NOT NULL REFERENCES event (id),
    format          varchar(16)  NOT NULL,
    mode            varchar(16)  NOT NULL,
    status          varchar(16)  NOT NULL,
    created         integer      NOT NULL DEFAULT 0,
    updated         integer      NOT NULL DEFAULT 0,
    unchanged       integer      NOT NULL DEFAULT 0,
    rejected        integer      NOT NULL DEFAULT 0,
    skipped         integer      NOT NULL DEFAULT 0,
    error_code      varchar(64),
    error_line      bigint,
    error_detail    text,
    started_by      varchar(255) NOT NULL,
    started_at      timestamptz  NOT NULL,
    finished_at     timestamptz
);
CREATE INDEX import_job_event_idx ON import_job (event_id, started_at DESC);

CREATE TABLE import_record (
    job_id          uuid         NOT NULL REFERENCES import_job (id) ON DELETE CASCADE,
    seq             integer      NOT NULL,
    line            bigint       NOT NULL,
    external_id     varchar(200),
    outcome         varchar(16)  NOT NULL,
    proposal_id     uuid,
    errors          jsonb,
    PRIMARY KEY (job_id, seq)
);
