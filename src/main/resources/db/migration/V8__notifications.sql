-- Notifications that reach people (issue #12): the outbox gets leases and a sealed message, devices
-- speak the mobile platforms' names, and each user gets quiet hours and a digest setting.

-- ---------------------------------------------------------------------------------------------
-- Inbox
-- ---------------------------------------------------------------------------------------------

-- seq orders a user's notifications for the WebSocket replay (a client reconnects with the last
-- seq it saw) and for cursor pages; uuids do not order. priority is the kind's, kept so the inbox
-- and pushes need not re-derive it.
ALTER TABLE notifications
    ADD COLUMN seq      bigint GENERATED ALWAYS AS IDENTITY,
    ADD COLUMN priority text   NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high'));
CREATE UNIQUE INDEX notifications_seq_key ON notifications (seq);
CREATE INDEX notifications_user_seq_idx ON notifications (user_id, seq DESC);
CREATE INDEX notifications_created_idx ON notifications (created_at);

-- Links with their tokens were kept in the inbox until now (and so in every data export). The
-- tokens stay valid for their lifetime, so the copies go: a redacted notice replaces them.
UPDATE notifications
   SET body = 'We sent you a link by email.', data = '{}'
 WHERE kind IN ('email.verify-email', 'email.reset-password');
UPDATE notifications SET data = data - 'token' - 'link' WHERE data ? 'token' OR data ? 'link';

-- ---------------------------------------------------------------------------------------------
-- Devices
-- ---------------------------------------------------------------------------------------------

-- The API says ios/android (what the app knows); which provider serves it is the server's business.
ALTER TABLE device_tokens DROP CONSTRAINT device_tokens_platform_check;
UPDATE device_tokens SET platform = CASE platform WHEN 'apns' THEN 'ios' ELSE 'android' END;
ALTER TABLE device_tokens ADD CONSTRAINT device_tokens_platform_check CHECK (platform IN ('ios', 'android'));
ALTER TABLE device_tokens
    ADD COLUMN app_version text CHECK (char_length(app_version) <= 64),
    ADD COLUMN locale      text CHECK (char_length(locale) <= 35),
    ADD COLUMN timezone    text CHECK (char_length(timezone) <= 64),
    ADD CONSTRAINT device_tokens_token_length_check CHECK (char_length(token) BETWEEN 8 AND 4096);

-- ---------------------------------------------------------------------------------------------
-- Outbox
-- ---------------------------------------------------------------------------------------------

-- message_enc is CIPHERTEXT: the rendered email (it may carry a one-time link), sealed under
-- message_key_id and bound to the row id; it is set to NULL as soon as the row stops being pending.
-- A node owns a row while lease_until is in the future (leased_by names it); a node that dies
-- mid-send loses its lease and another node sends again (the provider's collapse id / Message-ID
-- suppresses the duplicate where it can). provider_id is the provider's receipt.
ALTER TABLE notification_deliveries
    ADD COLUMN message_enc    bytea,
    ADD COLUMN message_key_id text,
    ADD COLUMN leased_by      text,
    ADD COLUMN lease_until    timestamptz,
    ADD COLUMN provider_id    text,
    ADD CONSTRAINT notification_deliveries_message_key_check CHECK ((message_enc IS NULL) = (message_key_id IS NULL)),
    ADD CONSTRAINT notification_deliveries_lease_check CHECK ((leased_by IS NULL) = (lease_until IS NULL)),
    ADD CONSTRAINT notification_deliveries_sealed_while_pending_check
        CHECK (status = 'pending' OR message_enc IS NULL);

-- ---------------------------------------------------------------------------------------------
-- Preferences
-- ---------------------------------------------------------------------------------------------

-- 'push' stands for both providers: a user chooses whether their phone buzzes, not which vendor.
ALTER TABLE notification_preferences DROP CONSTRAINT notification_preferences_channel_check;
ALTER TABLE notification_preferences ADD CONSTRAINT notification_preferences_channel_check
    CHECK (channel IN ('email', 'push', 'apns', 'fcm', 'websocket'));

-- Quiet hours are minutes after local midnight in timezone (IANA); start = end means none.
-- urgent_in_quiet lets urgent kinds (an application waiting for the user) through quiet hours.
CREATE TABLE notification_settings (
    user_id          uuid        PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    timezone         text        NOT NULL DEFAULT 'UTC' CHECK (char_length(timezone) BETWEEN 1 AND 64),
    quiet_start_min  integer     CHECK (quiet_start_min BETWEEN 0 AND 1439),
    quiet_end_min    integer     CHECK (quiet_end_min BETWEEN 0 AND 1439),
    urgent_in_quiet  boolean     NOT NULL DEFAULT true,
    digest_enabled   boolean     NOT NULL DEFAULT true,
    digest_hour      integer     NOT NULL DEFAULT 18 CHECK (digest_hour BETWEEN 0 AND 23),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT notification_settings_quiet_check CHECK ((quiet_start_min IS NULL) = (quiet_end_min IS NULL))
);
