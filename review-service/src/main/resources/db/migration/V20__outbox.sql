-- Transactional outbox, as in submission-service: column names as Debezium's outbox event router expects
-- them. seq orders the relay; every writer locks its aggregate before it inserts here, so seq order per
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

-- The decision on each proposal, as selection proposed it and organizers adjusted it. published_at is
-- null until the decision is written to the outbox; a changed decision gets a new version and is
-- published again, an unchanged one never.
CREATE TABLE decision (
    proposal_id      uuid         PRIMARY KEY,
    event_slug       varchar(64)  NOT NULL,
    decision         varchar(16)  NOT NULL CHECK (decision IN ('ACCEPTED', 'WAITLISTED', 'REJECTED')),
    rank             integer,
    waitlist_position integer     CHECK ((decision = 'WAITLISTED') = (waitlist_position IS NOT NULL)),
    pinned           boolean      NOT NULL DEFAULT false,
    version          bigint       NOT NULL,
    decided_at       timestamptz  NOT NULL,
    published_at     timestamptz
);
CREATE INDEX decision_event_idx ON decision (event_slug, decision, waitlist_position);
CREATE INDEX decision_unpublished_idx ON decision (event_slug) WHERE published_at IS NULL;
