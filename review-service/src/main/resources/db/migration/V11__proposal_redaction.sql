-- An organizer-edited reviewer-visible copy of a proposal's text, used instead of proposal_content's
-- text in every reviewer-facing read. The speaker's original in proposal_content is never changed.
CREATE TABLE proposal_redaction (
    proposal_id           uuid         PRIMARY KEY REFERENCES proposal_content (id),
    title                 varchar(300) NOT NULL,
    abstract              text         NOT NULL,
    description           text,
    tags                  jsonb        NOT NULL,
    based_on_version      bigint       NOT NULL,
    redacted_by           varchar(200) NOT NULL,
    updated_at            timestamptz  NOT NULL
);
