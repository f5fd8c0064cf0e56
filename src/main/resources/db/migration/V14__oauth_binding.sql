-- A provider sign-in is bound to the browser that started it (the hash of a cookie set at start) and, when the
-- app gave one, to the app that will exchange its result (an S256 challenge of a secret the app keeps).
ALTER TABLE oauth_states
    ADD COLUMN binding_hash  bytea,
    ADD COLUMN app_challenge text;

-- A finished sign-in hands the app a one-time code, exchanged in a POST for tokens: tokens are never in a page.
CREATE TABLE oauth_exchanges (
    code_hash     bytea       PRIMARY KEY,
    user_id       uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    provider      text        NOT NULL,
    app_challenge text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL
);
CREATE INDEX oauth_exchanges_expires_at_idx ON oauth_exchanges (expires_at);

-- Nonces issued for native SDK sign-ins; the id_token that carries one spends it.
CREATE TABLE oauth_nonces (
    nonce_hash  bytea       PRIMARY KEY,
    provider    text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL
);
CREATE INDEX oauth_nonces_expires_at_idx ON oauth_nonces (expires_at);
