-- Short-lived signed tokens that may be used once (the MFA step's token): the id (jti) of each one spent, kept
-- until the token itself would have expired. A second use finds its row and is refused.
CREATE TABLE spent_tokens (
    jti         uuid        PRIMARY KEY,
    expires_at  timestamptz NOT NULL,
    spent_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX spent_tokens_expires_idx ON spent_tokens (expires_at);
