-- The id of the CloudEvent that carried each decision's last published version (null when publishing sent
-- nothing because the proposal already carried the decision).
ALTER TABLE decision ADD COLUMN published_message_id uuid;

-- What submission-service did with each decision it consumed from cfp.decisions, whoever published it:
-- applied (announced as proposal.decision-applied.v1) or refused (proposal.decision-refused.v1, with the
-- reason). seq is the order review-service learned them in, which is the decisions' order on their partition.
CREATE TABLE decision_outcome (
    message_id        varchar(200) PRIMARY KEY,
    proposal_id       uuid         NOT NULL,
    seq               bigserial    NOT NULL,
    outcome           varchar(16)  NOT NULL CHECK (outcome IN ('APPLIED', 'REFUSED')),
    decision          varchar(16)  NOT NULL CHECK (decision IN ('ACCEPTED', 'WAITLISTED', 'REJECTED')),
    status            varchar(16)  NOT NULL,
    proposal_version  bigint       NOT NULL,
    reason            text,
    source            text,
    recorded_at       timestamptz  NOT NULL
);
CREATE INDEX decision_outcome_proposal_idx ON decision_outcome (proposal_id, seq);
