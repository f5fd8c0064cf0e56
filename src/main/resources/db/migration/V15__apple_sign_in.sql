-- Sign in with Apple: a third provider for identities and pending sign-ins.
ALTER TABLE oauth_identities DROP CONSTRAINT oauth_identities_provider_check;
ALTER TABLE oauth_identities ADD CONSTRAINT oauth_identities_provider_check
    CHECK (provider IN ('google', 'linkedin', 'apple'));
ALTER TABLE oauth_states DROP CONSTRAINT oauth_states_provider_check;
ALTER TABLE oauth_states ADD CONSTRAINT oauth_states_provider_check
    CHECK (provider IN ('google', 'linkedin', 'apple'));

-- Apple tells the user's name once, on the first authorization, and never again (not in the id_token either): it
-- is kept here, encrypted under the data keys (context oauth_identities.name_enc:<id>).
ALTER TABLE oauth_identities
    ADD COLUMN name_enc    bytea,
    ADD COLUMN name_key_id text;

-- An Apple sign-in completes a sign-in like the others: its network is one of the owner's.
DROP INDEX auth_events_sign_ins_idx;
CREATE INDEX auth_events_sign_ins_idx ON auth_events (user_id, ip)
    WHERE kind IN ('register', 'login.success', 'login.success.mfa', 'login.oauth.google', 'login.oauth.linkedin',
                   'login.oauth.apple');
