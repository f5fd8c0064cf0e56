-- Pending OAuth2 sign-ins between /start and /callback. Kept in the database (not in process memory or a
-- cookie) so the callback may land on any instance. Rows are single use and live ten minutes; the state is
-- stored hashed, so reading this table does not let anyone complete someone else's sign-in.
CREATE TABLE oauth_states (
    state_hash     bytea       PRIMARY KEY,
    provider       text        NOT NULL CHECK (provider IN ('google', 'linkedin')),
    -- The PKCE verifier is worthless without the authorization code, which only the provider hands out.
    code_verifier  text        NOT NULL,
    nonce          text        NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    expires_at     timestamptz NOT NULL
);

CREATE INDEX oauth_states_expires_at_idx ON oauth_states (expires_at);
