-- Events as submission-service announced them.
CREATE TABLE review_event (
    slug            varchar(64)  PRIMARY KEY,
    event_id        uuid         NOT NULL,
    name_en         varchar(200) NOT NULL,
    name_zh         varchar(200),
    tracks          jsonb        NOT NULL,
    formats         jsonb        NOT NULL,
    languages       jsonb        NOT NULL,
    version         bigint       NOT NULL,
    updated_at      timestamptz  NOT NULL
);

-- What a reviewer may see of a proposal. No column here names a person: reviewer-facing reads are
-- built from this table alone.
CREATE TABLE proposal_content (
    id              uuid         PRIMARY KEY,
    event_slug      varchar(64)  NOT NULL,
    version         bigint       NOT NULL,
    status          varchar(16)  NOT NULL,
    title           varchar(300) NOT NULL,
    abstract        text         NOT NULL,
    description     text,
    format          varchar(64)  NOT NULL,
    track           varchar(64)  NOT NULL,
    language        varchar(16)  NOT NULL,
    tags            jsonb        NOT NULL,
    updated_at      timestamptz  NOT NULL
);
CREATE INDEX proposal_content_event_idx ON proposal_content (event_slug, track, id);

-- Who the speakers are: for conflict checks and for organizers, never joined into a reviewer's view.
CREATE TABLE proposal_identity (
    proposal_id     uuid         PRIMARY KEY REFERENCES proposal_content (id),
    speakers        jsonb        NOT NULL,
    notes           text,
    version         bigint       NOT NULL
);

-- Each consumed CloudEvent id is applied once, in the same transaction as its change.
CREATE TABLE processed_message (
    message_id      varchar(200) PRIMARY KEY,
    topic           varchar(128) NOT NULL,
    processed_at    timestamptz  NOT NULL DEFAULT now()
);
