-- Step-up: when the session's owner last proved who they are (auth_time) and how (amr: password, mfa, oauth).
-- Copied along the rotation chain, so a refreshed access token still says when the secret was entered, not when
-- the token was refreshed. Sessions from before this column have no auth_time: their owners re-authenticate
-- before a sensitive act.
ALTER TABLE refresh_tokens
    ADD COLUMN auth_time timestamptz,
    ADD COLUMN amr       text[] NOT NULL DEFAULT '{}';

-- Admin is decided at authentication, from the JOBSWIPE_ADMIN_EMAILS the node runs with and a proof of the address
-- through a delivered link (email_proven_at: an email-verification link was opened). An address verified only by an
-- OAuth provider is verified, not proven. Nothing stored grants admin, so an address taken off the list loses it
-- at once: the role column goes. Accounts that opened a verification link before keep that proof.
ALTER TABLE users ADD COLUMN email_proven_at timestamptz;
UPDATE users u SET email_proven_at = t.used_at
  FROM (SELECT user_id, min(used_at) AS used_at FROM email_tokens
         WHERE purpose = 'verify_email' AND used_at IS NOT NULL GROUP BY user_id) t
 WHERE t.user_id = u.id AND u.deleted_at IS NULL;
ALTER TABLE users DROP COLUMN role;

-- Lockout per account and client. Failures from one client (an IPv4 address, or an IPv6 /64) lock that client out
-- of the account with the usual backoff. The account-wide counters in users still count every failure, but their
-- lock refuses only clients that never signed in to the account (no successful sign-in from that network in
-- auth_events): a storm of guesses from rotating addresses cannot keep the owner's known network out.
CREATE TABLE login_failures (
    user_id        uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    client_key     text        NOT NULL CHECK (char_length(client_key) <= 64),
    failed_count   integer     NOT NULL DEFAULT 0 CHECK (failed_count >= 0),
    lockout_level  integer     NOT NULL DEFAULT 0 CHECK (lockout_level >= 0),
    locked_until   timestamptz,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, client_key)
);
CREATE INDEX login_failures_updated_idx ON login_failures (updated_at);
-- Completed sign-ins by account, for "has this network signed in to this account before".
CREATE INDEX auth_events_sign_ins_idx ON auth_events (user_id, ip)
    WHERE kind IN ('register', 'login.success', 'login.success.mfa', 'login.oauth.google', 'login.oauth.linkedin');
