-- The server secret behind the references reviewers know proposals by (ReviewerRef: HMAC-SHA256 of the reviewer
-- and the proposal id). It is made once, here, from PostgreSQL's strong random source (gen_random_uuid, twice:
-- 244 random bits), so every instance shares it and there is nothing to configure. Whoever can read this table
-- can read the proposal ids themselves. Replacing the secret (and restarting) gives every reviewer new references.
CREATE TABLE reviewer_ref_key (
    id     smallint PRIMARY KEY CHECK (id = 1),
    secret bytea    NOT NULL CHECK (length(secret) >= 16)
);

INSERT INTO reviewer_ref_key (id, secret)
VALUES (1, decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'));
