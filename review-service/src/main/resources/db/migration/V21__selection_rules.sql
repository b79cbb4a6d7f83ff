-- The capacities of an event's last selection run: promotion from the waitlist fills a freed place against them.
CREATE TABLE selection_rules (
    event_slug                varchar(64)  PRIMARY KEY,
    track_capacity            jsonb        NOT NULL,
    format_capacity           jsonb        NOT NULL,
    max_accepted_per_speaker  integer,
    waitlist_length           integer,
    required_reviews          integer      NOT NULL,
    ranking_key               varchar(16)  NOT NULL,
    updated_at                timestamptz  NOT NULL
);

-- An accepted proposal whose speaker declined or withdrew no longer holds its place; the decision row stays.
ALTER TABLE decision ADD COLUMN released_at timestamptz;
