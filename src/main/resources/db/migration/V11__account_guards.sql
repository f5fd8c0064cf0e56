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
