-- Events (editions): tracks and formats are small value lists owned by the event, kept as JSON.
CREATE TABLE event (
    id              uuid PRIMARY KEY,
    slug            varchar(64)  NOT NULL UNIQUE,
    name_en         varchar(200) NOT NULL,
    name_zh         varchar(200),
    time_zone       varchar(64)  NOT NULL,
    cfp_opens_at    timestamptz  NOT NULL,
    cfp_closes_at   timestamptz  NOT NULL,
    tracks          jsonb        NOT NULL,
    formats         jsonb        NOT NULL,
    languages       jsonb        NOT NULL,
    created_by      varchar(255) NOT NULL,
    version         bigint       NOT NULL,
    created_at      timestamptz  NOT NULL,
    updated_at      timestamptz  NOT NULL
);

CREATE TABLE proposal (
    id              uuid PRIMARY KEY,
    event_id        uuid         NOT NULL REFERENCES event (id),
    status          varchar(16)  NOT NULL,
    version         bigint       NOT NULL,
    title           varchar(300) NOT NULL,
    abstract        text         NOT NULL,
    description     text,
    format          varchar(64)  NOT NULL,
    track           varchar(64)  NOT NULL,
    language        varchar(16)  NOT NULL,
    tags            jsonb        NOT NULL,
    speakers        jsonb        NOT NULL,
    notes           text,
    owner_subject   varchar(255) NOT NULL,
    external_id     varchar(200),
    created_at      timestamptz  NOT NULL,
    updated_at      timestamptz  NOT NULL,
    submitted_at    timestamptz
);
CREATE INDEX proposal_event_idx ON proposal (event_id, created_at, id);
CREATE UNIQUE INDEX proposal_external_id_idx ON proposal (event_id, external_id) WHERE external_id IS NOT NULL;

-- Who may act on a proposal as its speaker: the submitter's subject and every speaker's email.
CREATE TABLE proposal_speaker_access (
    proposal_id     uuid         NOT NULL REFERENCES proposal (id) ON DELETE CASCADE,
    principal       varchar(320) NOT NULL,
    PRIMARY KEY (principal, proposal_id)
);

-- Transactional outbox, column names as Debezium's outbox event router expects them.
-- seq orders the relay; every writer locks its aggregate before it inserts here, so seq order per
-- aggregate is commit order.
CREATE TABLE outbox (
    seq             bigserial    PRIMARY KEY,
    id              uuid         NOT NULL UNIQUE,
    aggregatetype   varchar(64)  NOT NULL,
    aggregateid     varchar(128) NOT NULL,
    type            varchar(128) NOT NULL,
    topic           varchar(128) NOT NULL,
    payload         json         NOT NULL,
    created_at      timestamptz  NOT NULL DEFAULT now(),
    sent_at         timestamptz
);
CREATE INDEX outbox_unsent_idx ON outbox (seq) WHERE sent_at IS NULL;
CREATE INDEX outbox_sent_idx ON outbox (sent_at) WHERE sent_at IS NOT NULL;

-- Idempotency-Key: a retried POST returns what the first one created.
CREATE TABLE idempotency_key (
    principal       varchar(320) NOT NULL,
    key             varchar(200) NOT NULL,
    request_hash    varchar(64)  NOT NULL,
    resource_id     uuid         NOT NULL,
    created_at      timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (principal, key)
);

-- Decisions consumed from cfp.decisions: each CloudEvent id applied once.
CREATE TABLE processed_message (
    message_id      varchar(200) PRIMARY KEY,
    processed_at    timestamptz  NOT NULL DEFAULT now()
);
