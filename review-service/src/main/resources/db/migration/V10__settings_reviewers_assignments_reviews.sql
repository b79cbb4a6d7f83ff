-- How an event is reviewed: weighted criteria, reviews wanted per proposal, blindness and phase.
CREATE TABLE review_settings (
    event_slug            varchar(64)  PRIMARY KEY,
    criteria              jsonb        NOT NULL,
    reviews_per_proposal  integer      NOT NULL,
    blind                 boolean      NOT NULL,
    phase                 varchar(16)  NOT NULL,
    due_at                timestamptz,
    updated_at            timestamptz  NOT NULL
);

-- A person reviewing one event. Affiliation and declared conflicts feed the conflict checks.
CREATE TABLE reviewer (
    id                    uuid         PRIMARY KEY,
    event_slug            varchar(64)  NOT NULL,
    subject               varchar(200) NOT NULL,
    name                  varchar(200) NOT NULL,
    email                 varchar(320),
    affiliation           varchar(300),
    tracks                jsonb        NOT NULL,
    max_assignments       integer      NOT NULL,
    conflicts             jsonb        NOT NULL,
    created_at            timestamptz  NOT NULL,
    updated_at            timestamptz  NOT NULL,
    CONSTRAINT reviewer_event_subject_uq UNIQUE (event_slug, subject)
);

-- Who reviews what. Cancelled rows stay (a withdrawn proposal, an unassignment) so history and reviews
-- keep their context; only one active row per pair.
CREATE TABLE assignment (
    id                    uuid         PRIMARY KEY,
    event_slug            varchar(64)  NOT NULL,
    proposal_id           uuid         NOT NULL REFERENCES proposal_content (id),
    reviewer_id           uuid         NOT NULL REFERENCES reviewer (id),
    origin                varchar(16)  NOT NULL,
    status                varchar(16)  NOT NULL,
    created_at            timestamptz  NOT NULL,
    cancelled_at          timestamptz,
    cancel_reason         varchar(32)
);
CREATE UNIQUE INDEX assignment_active_pair_uq ON assignment (proposal_id, reviewer_id) WHERE status = 'ACTIVE';
CREATE INDEX assignment_event_idx ON assignment (event_slug, status);
CREATE INDEX assignment_reviewer_idx ON assignment (reviewer_id, status);

-- One review per reviewer and proposal, revised in place while the phase is open.
CREATE TABLE review (
    id                    uuid          PRIMARY KEY,
    event_slug            varchar(64)   NOT NULL,
    proposal_id           uuid          NOT NULL REFERENCES proposal_content (id),
    reviewer_id           uuid          NOT NULL REFERENCES reviewer (id),
    scores                jsonb         NOT NULL,
    weighted_score        numeric(10,4) NOT NULL,
    comment               text,
    confidence            integer       NOT NULL,
    created_at            timestamptz   NOT NULL,
    updated_at            timestamptz   NOT NULL,
    CONSTRAINT review_pair_uq UNIQUE (proposal_id, reviewer_id)
);
CREATE INDEX review_event_idx ON review (event_slug);
