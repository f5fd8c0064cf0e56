-- Step-up: when the session's owner last proved who they are (auth_time) and how (amr: password, mfa, oauth).
-- Copied along the rotation chain, so a refreshed access token still says when the secret was entered, not when
-- the token was refreshed. Sessions from before this column have no auth_time: their owners re-authenticate
-- before a sensitive act.
ALTER TABLE refresh_tokens
    ADD COLUMN auth_time timestamptz,
    ADD COLUMN amr       text[] NOT NULL DEFAULT '{}';
