-- JobSwipe data model, version 1.
--
-- Conventions (keep them in later migrations):
--   * PostgreSQL 15+, no extensions. gen_random_uuid() is core since PG 13.
--   * Flyway runs this file in one transaction: no CREATE INDEX CONCURRENTLY here.
--   * uuid primary keys, except append-only logs (bigint identity: ordered, cheap).
--   * Every timestamp is timestamptz. The application sets updated_at (no triggers).
--   * Enumerated text columns use CHECK constraints, not enum types, so a new value is one
--     "DROP CONSTRAINT / ADD CONSTRAINT" migration. Constraints are named <table>_<column>_check
--     (PostgreSQL's default) so later migrations can find them.
--   * Columns ending in _enc hold CIPHERTEXT: an AES-256-GCM envelope produced by the application.
--     The database never sees the plaintext or the key. The sibling *_key_id column names the key
--     version that sealed the value, so the rotation command can find rows still under an old key.
--   * Secrets that only need comparing (passwords, tokens, backup codes, API keys) are stored as
--     hashes, never in a recoverable form.
--
-- Deleting users: users are NEVER hard-deleted. Account deletion sets users.deleted_at, erases PII
-- (email replaced by a unique placeholder, password/MFA cleared, profile, resumes, templates, tokens,
-- devices and identities deleted by the application) and keeps the anonymised rows that analytics
-- need (interactions, applications, audit, impressions). Those analytics tables therefore reference
-- users with the default NO ACTION and NOT NULL user_id: a hard DELETE of a user with history fails
-- loudly instead of silently shredding analytics. User-owned, non-analytics rows still declare
-- ON DELETE CASCADE so that a deliberate purge (e.g. of a never-used account) stays one statement.
--
-- Jobs are never deleted either: a posting that disappears is status = 'closed'. Rows that record a
-- user's decision about a job (interactions, applications, impressions) reference jobs with
-- ON DELETE RESTRICT.


-- ---------------------------------------------------------------------------------------------
-- Accounts and authentication
-- ---------------------------------------------------------------------------------------------

-- One row per account. email is unique case-insensitively (index on lower(email)); on soft delete
-- the application overwrites it with a unique placeholder (e.g. deleted+<id>@invalid) so the
-- address can register again. password_hash is NULL for OAuth-only accounts. MFA is on exactly when
-- mfa_enabled_at is set; mfa_secret_enc may exist earlier (enrolment started, not yet confirmed).
-- mfa_last_used_step is the last accepted TOTP time step: a code for a step <= it is a replay.
-- Lockout: failed_login_count resets on success; lockout_level grows with each lockout and drives
-- the exponential backoff for locked_until.
CREATE TABLE users (
    id                  uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    email               text        NOT NULL CHECK (char_length(email) BETWEEN 3 AND 320),
    email_verified_at   timestamptz,
    password_hash       text,                       -- Argon2id PHC string; NULL = OAuth-only
    role                text        NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'admin')),
    mfa_secret_enc      bytea,                      -- ciphertext of the TOTP secret
    mfa_key_id          text,
    mfa_enabled_at      timestamptz,
    mfa_last_used_step  bigint,
    failed_login_count  integer     NOT NULL DEFAULT 0 CHECK (failed_login_count >= 0),
    locked_until        timestamptz,
    lockout_level       integer     NOT NULL DEFAULT 0 CHECK (lockout_level >= 0),
    last_login_at       timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    deleted_at          timestamptz,
    CONSTRAINT users_mfa_key_check     CHECK ((mfa_secret_enc IS NULL) = (mfa_key_id IS NULL)),
    CONSTRAINT users_mfa_enabled_check CHECK (mfa_enabled_at IS NULL OR mfa_secret_enc IS NOT NULL)
);
CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));

-- Single-use MFA recovery codes. Only a hash is kept (the user sees the codes once); a code is
-- spent by setting used_at, and regenerating deletes the old set.
CREATE TABLE mfa_backup_codes (
    id          uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash   text        NOT NULL,
    used_at     timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX mfa_backup_codes_user_unused_idx ON mfa_backup_codes (user_id) WHERE used_at IS NULL;

-- One-time links sent by email (verify address, reset password). Only the SHA-256 of the token is
-- stored, so a database leak cannot be replayed; a token is valid while used_at IS NULL and
-- now() < expires_at.
CREATE TABLE email_tokens (
    id          uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose     text        NOT NULL CHECK (purpose IN ('verify_email', 'reset_password')),
    token_hash  bytea       NOT NULL UNIQUE,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT email_tokens_expiry_check CHECK (expires_at > created_at)
);
CREATE INDEX email_tokens_user_idx ON email_tokens (user_id, purpose);

-- Rotating refresh tokens (hash only). Every login starts a family; each refresh marks the
-- presented token rotated_at and issues a child (parent_id) in the same family. Presenting a token
-- that is already rotated or revoked is reuse: the whole family is revoked (revoked_reason
-- 'reuse_detected'). Other reasons in use: 'logout', 'password_change', 'mfa_change', 'admin',
-- 'account_deleted'.
CREATE TABLE refresh_tokens (
    id              uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id         uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    family_id       uuid        NOT NULL,
    parent_id       uuid        REFERENCES refresh_tokens (id) ON DELETE SET NULL,
    token_hash      bytea       NOT NULL UNIQUE,
    issued_at       timestamptz NOT NULL DEFAULT now(),
    expires_at      timestamptz NOT NULL,
    rotated_at      timestamptz,
    revoked_at      timestamptz,
    revoked_reason  text,
    user_agent      text,
    ip              inet,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT refresh_tokens_expiry_check CHECK (expires_at > issued_at)
);
CREATE INDEX refresh_tokens_family_idx      ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user_active_idx ON refresh_tokens (user_id) WHERE revoked_at IS NULL;
CREATE INDEX refresh_tokens_parent_idx      ON refresh_tokens (parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX refresh_tokens_expires_idx     ON refresh_tokens (expires_at);   -- purge job

-- Links an external login (OIDC subject) to an account. (provider, subject) is the identity; the
-- provider's email is informational only and never used to match accounts without verification.
CREATE TABLE oauth_identities (
    id          uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    provider    text        NOT NULL CHECK (provider IN ('google', 'linkedin')),
    subject     text        NOT NULL,
    email       text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    last_login_at timestamptz,
    CONSTRAINT oauth_identities_provider_subject_key UNIQUE (provider, subject)
);
CREATE INDEX oauth_identities_user_idx ON oauth_identities (user_id);

-- Machine credentials (operators, integrations). The client sees "<prefix>.<secret>" once; we keep
-- the prefix for lookup and a hash of the whole key. A rotated key points at the key it replaced.
CREATE TABLE api_keys (
    id            uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    name          text        NOT NULL,
    prefix        text        NOT NULL UNIQUE,
    key_hash      bytea       NOT NULL,
    scopes        text[]      NOT NULL DEFAULT '{}',
    created_by    uuid        REFERENCES users (id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_used_at  timestamptz,
    expires_at    timestamptz,
    revoked_at    timestamptz,
    rotated_from  uuid        REFERENCES api_keys (id) ON DELETE SET NULL
);

-- Security audit trail (logins, failures, lockouts, MFA and password changes, token reuse).
-- Append-only. user_id is NULL when the account is unknown (e.g. login for a non-existent email);
-- detail never holds secrets or passwords.
CREATE TABLE auth_events (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     uuid        REFERENCES users (id),
    kind        text        NOT NULL,
    ip          inet,
    user_agent  text,
    detail      jsonb       NOT NULL DEFAULT '{}',
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX auth_events_user_created_idx ON auth_events (user_id, created_at DESC);
CREATE INDEX auth_events_created_idx      ON auth_events (created_at);      -- retention / reports


-- ---------------------------------------------------------------------------------------------
-- Candidate profile
-- ---------------------------------------------------------------------------------------------

-- One profile per user. All PII lives in the *_enc columns, which are CIPHERTEXT (AES-256-GCM
-- envelopes): personal_enc = JSON of name, email, phone, location, links, work authorisation, EEO
-- answers, sealed under personal_key_id; work_history_enc and education_enc are sealed under
-- data_key_id. The plaintext columns (headline, skills, years, preferences) carry no contact
-- details: they are what matching reads without decrypting. dry_run makes the automation fill
-- forms but never click submit.
CREATE TABLE candidate_profiles (
    user_id           uuid         PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    personal_enc      bytea,                        -- ciphertext
    personal_key_id   text,
    work_history_enc  bytea,                        -- ciphertext
    education_enc     bytea,                        -- ciphertext
    data_key_id       text,
    headline          text,
    skills            text[]       NOT NULL DEFAULT '{}',
    years_experience  numeric(4,1) CHECK (years_experience >= 0),
    preferences       jsonb        NOT NULL DEFAULT '{}',
    dry_run           boolean      NOT NULL DEFAULT false,
    created_at        timestamptz  NOT NULL DEFAULT now(),
    updated_at        timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT candidate_profiles_personal_key_check
        CHECK ((personal_enc IS NULL) = (personal_key_id IS NULL)),
    CONSTRAINT candidate_profiles_data_key_check
        CHECK ((work_history_enc IS NULL AND education_enc IS NULL) OR data_key_id IS NOT NULL),
    CONSTRAINT candidate_profiles_preferences_check CHECK (jsonb_typeof(preferences) = 'object')
);

-- Uploaded resumes. file_enc (original bytes) and text_enc (extracted text) are CIPHERTEXT under
-- key_id because a resume is full of contact details; parsed keeps only non-identifying results
-- (skills, years, section names) so it can be read in the clear. sha256 is of the plaintext file.
-- At most one primary resume per user (partial unique index).
CREATE TABLE resumes (
    id            uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id       uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    filename      text        NOT NULL,
    content_type  text        NOT NULL,
    size_bytes    integer     NOT NULL CHECK (size_bytes > 0),
    sha256        bytea       NOT NULL CHECK (octet_length(sha256) = 32),
    file_enc      bytea       NOT NULL,             -- ciphertext
    text_enc      bytea,                            -- ciphertext; NULL when extraction failed
    key_id        text        NOT NULL,
    parsed        jsonb       NOT NULL DEFAULT '{}',
    status        text        NOT NULL CHECK (status IN ('parsed', 'failed')),
    error         text,                             -- why parsing failed (no file content)
    is_primary    boolean     NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX resumes_user_created_idx ON resumes (user_id, created_at DESC);
CREATE UNIQUE INDEX resumes_user_primary_key ON resumes (user_id) WHERE is_primary;

-- The user's cover-letter templates (may contain placeholders filled per job). Names are unique
-- per user so the client can address them by name.
CREATE TABLE cover_letter_templates (
    id          uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name        text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    body        text        NOT NULL CHECK (char_length(body) <= 20000),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT cover_letter_templates_user_name_key UNIQUE (user_id, name)
);


-- ---------------------------------------------------------------------------------------------
-- Ingestion and jobs
-- ---------------------------------------------------------------------------------------------

-- Registered job sources. For API kinds url is the full list endpoint (so mirrors and test servers
-- work). schedule is an ISO-8601 duration as java.time.Duration parses it (PT15M, PT1H, P1D).
-- etag / last_modified drive conditional GETs; error_count and backoff_until make a failing source
-- back off instead of hammering its host. The scheduler picks enabled sources by next_run_at.
CREATE TABLE sources (
    id               uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    kind             text        NOT NULL CHECK (kind IN ('rss', 'greenhouse', 'lever', 'ashby', 'workable',
                                                          'smartrecruiters', 'remotive', 'remoteok')),
    name             text        NOT NULL,
    url              text        NOT NULL,
    schedule         text        NOT NULL DEFAULT 'PT1H' CHECK (schedule ~ '^P(?=\d|T\d)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$'),
    config           jsonb       NOT NULL DEFAULT '{}',
    enabled          boolean     NOT NULL DEFAULT true,
    etag             text,
    last_modified    text,
    last_run_at      timestamptz,
    last_success_at  timestamptz,
    next_run_at      timestamptz,
    error_count      integer     NOT NULL DEFAULT 0 CHECK (error_count >= 0),
    backoff_until    timestamptz,
    last_error       text,
    jobs_seen        integer     NOT NULL DEFAULT 0 CHECK (jobs_seen >= 0),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT sources_kind_url_key UNIQUE (kind, url)
);
CREATE INDEX sources_due_idx ON sources (next_run_at) WHERE enabled;

-- One row per distinct posting after deduplication across sources (exact: canonical_url /
-- content_hash; near: simhash). Text fields are cleaned and normalised; version increments when the
-- text changes so the matching index and embeddings know to refresh. A job is never deleted: when
-- every source drops it, status becomes 'closed' (closed_at set iff closed) and it leaves the feed.
-- embedding is the vector of embedding_model (dimension depends on the model).
CREATE TABLE jobs (
    id                uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    title             text        NOT NULL,
    company           text        NOT NULL,
    locations         text[]      NOT NULL DEFAULT '{}',
    remote            text        NOT NULL DEFAULT 'unknown'
                                  CHECK (remote IN ('remote', 'hybrid', 'onsite', 'unknown')),
    employment_type   text        CHECK (employment_type IN ('full_time', 'part_time', 'contract',
                                                             'temporary', 'internship', 'other')),
    salary_min        numeric(14,2) CHECK (salary_min >= 0),
    salary_max        numeric(14,2) CHECK (salary_max >= 0),
    salary_currency   char(3)     CHECK (salary_currency ~ '^[A-Z]{3}$'),
    salary_period     text        CHECK (salary_period IN ('hour', 'day', 'week', 'month', 'year')),
    description_text  text,
    description_html  text,                          -- sanitised (jsoup allow-list) HTML
    apply_url         text        NOT NULL,
    canonical_url     text        UNIQUE,
    ats_kind          text,                          -- greenhouse, lever, ashby, ..., generic
    ats_domain        text,                          -- lower-case host; joins domains.domain
    posted_at         timestamptz,
    family            text,                          -- role family from the taxonomy
    seniority         text,
    skills            text[]      NOT NULL DEFAULT '{}',
    simhash           bigint,
    content_hash      bytea,
    embedding         real[],
    embedding_model   text,
    status            text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    closed_at         timestamptz,
    first_seen_at     timestamptz NOT NULL DEFAULT now(),
    last_seen_at      timestamptz NOT NULL DEFAULT now(),
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    version           integer     NOT NULL DEFAULT 1 CHECK (version >= 1),
    CONSTRAINT jobs_salary_range_check  CHECK (salary_min IS NULL OR salary_max IS NULL OR salary_min <= salary_max),
    CONSTRAINT jobs_closed_check        CHECK ((status = 'closed') = (closed_at IS NOT NULL)),
    CONSTRAINT jobs_embedding_check     CHECK (embedding IS NULL
                                               OR (embedding_model IS NOT NULL AND array_ndims(embedding) = 1))
);
-- Feed candidates and "newest open jobs" (status is fixed by the predicate, so it is not a key column).
CREATE INDEX jobs_open_posted_idx   ON jobs (posted_at DESC NULLS LAST, id) WHERE status = 'open';
CREATE INDEX jobs_simhash_idx       ON jobs (simhash) WHERE simhash IS NOT NULL;
CREATE INDEX jobs_content_hash_idx  ON jobs (content_hash) WHERE content_hash IS NOT NULL;
CREATE INDEX jobs_company_lower_idx ON jobs (lower(company));
CREATE INDEX jobs_ats_domain_idx    ON jobs (ats_domain);

-- Where each job was seen: one row per (source, that source's id for the posting). Several sources
-- may map to one job (cross-source dedup). removed_at is set when the source stops listing it; the
-- job closes when all its rows are removed.
CREATE TABLE job_sources (
    source_id      uuid        NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    external_id    text        NOT NULL,
    job_id         uuid        NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    url            text,
    first_seen_at  timestamptz NOT NULL DEFAULT now(),
    last_seen_at   timestamptz NOT NULL DEFAULT now(),
    removed_at     timestamptz,
    PRIMARY KEY (source_id, external_id)
);
CREATE INDEX job_sources_job_idx ON job_sources (job_id);


-- ---------------------------------------------------------------------------------------------
-- Swipes and applications
-- ---------------------------------------------------------------------------------------------

-- A user's decision on a job: at most one per (user, job) — a later swipe (e.g. save then right)
-- updates the row. client_id is the client's idempotency key, so a retried POST /v1/swipes returns
-- the same interaction. ranking_version / feed_rank / score record what the feed showed, for
-- analytics. Kept after account deletion (see header).
CREATE TABLE user_job_interactions (
    id               uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id          uuid        NOT NULL REFERENCES users (id),
    job_id           uuid        NOT NULL REFERENCES jobs (id) ON DELETE RESTRICT,
    direction        text        NOT NULL CHECK (direction IN ('right', 'left', 'save')),
    client_id        text,
    ranking_version  text,
    feed_rank        integer,
    score            real,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT user_job_interactions_user_job_key    UNIQUE (user_id, job_id),
    CONSTRAINT user_job_interactions_user_client_key UNIQUE (user_id, client_id)
);
CREATE INDEX user_job_interactions_user_created_idx ON user_job_interactions (user_id, created_at DESC);
CREATE INDEX user_job_interactions_job_idx          ON user_job_interactions (job_id);

-- One application per (user, job), created by a right swipe. status is the user-visible state of
-- the automation state machine (application_tasks holds the worker's private state). submitted_at
-- is set iff the form was confirmed submitted. Kept after account deletion (see header).
CREATE TABLE applications (
    id                        uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id                   uuid        NOT NULL REFERENCES users (id),
    job_id                    uuid        NOT NULL REFERENCES jobs (id) ON DELETE RESTRICT,
    interaction_id            uuid        REFERENCES user_job_interactions (id) ON DELETE SET NULL,
    status                    text        NOT NULL DEFAULT 'QUEUED'
                                          CHECK (status IN ('QUEUED', 'RUNNING', 'FILLING', 'SUBMITTING',
                                                            'SUBMITTED', 'NEEDS_HUMAN', 'RATE_LIMITED',
                                                            'FAILED', 'UNKNOWN', 'CANCELLED')),
    dry_run                   boolean     NOT NULL DEFAULT false,
    cover_letter_template_id  uuid        REFERENCES cover_letter_templates (id) ON DELETE SET NULL,
    resume_id                 uuid        REFERENCES resumes (id) ON DELETE SET NULL,
    created_at                timestamptz NOT NULL DEFAULT now(),
    updated_at                timestamptz NOT NULL DEFAULT now(),
    submitted_at              timestamptz,
    CONSTRAINT applications_user_job_key UNIQUE (user_id, job_id),
    CONSTRAINT applications_submitted_check CHECK (status <> 'SUBMITTED' OR submitted_at IS NOT NULL)
);
CREATE INDEX applications_user_created_idx ON applications (user_id, created_at DESC);
CREATE INDEX applications_status_idx       ON applications (status);
CREATE INDEX applications_job_idx          ON applications (job_id);

-- The automation worker's durable state for one application (the RabbitMQ message only says
-- "work on task X"; the reconciler re-enqueues tasks whose message was lost). A worker owns a task
-- while lease_until is in the future (locked_by names it). step is where to resume after
-- NEEDS_HUMAN or a crash. Exactly-once submit: submit_started_at is written, in the same update
-- that sets state = 'SUBMITTING', BEFORE the submit click; a task found in SUBMITTING is verified,
-- never clicked again. answers_enc is CIPHERTEXT (human answers to pending_questions, may be PII).
CREATE TABLE application_tasks (
    id                 uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    application_id     uuid        NOT NULL UNIQUE REFERENCES applications (id) ON DELETE CASCADE,
    state              text        NOT NULL DEFAULT 'QUEUED'
                                   CHECK (state IN ('QUEUED', 'RUNNING', 'FILLING', 'SUBMITTING',
                                                    'SUBMITTED', 'NEEDS_HUMAN', 'RATE_LIMITED',
                                                    'FAILED', 'UNKNOWN', 'CANCELLED')),
    step               text,
    attempt            integer     NOT NULL DEFAULT 0 CHECK (attempt >= 0),
    locked_by          text,
    lease_until        timestamptz,
    next_attempt_at    timestamptz NOT NULL DEFAULT now(),
    last_error         text,
    pending_questions  jsonb,                       -- field labels/types only, no answers
    answers_enc        bytea,                       -- ciphertext
    answers_key_id     text,
    submit_started_at  timestamptz,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT application_tasks_submitting_check CHECK (state <> 'SUBMITTING' OR submit_started_at IS NOT NULL),
    CONSTRAINT application_tasks_lease_check      CHECK ((locked_by IS NULL) = (lease_until IS NULL)),
    CONSTRAINT application_tasks_answers_key_check CHECK ((answers_enc IS NULL) = (answers_key_id IS NULL))
);
CREATE INDEX application_tasks_state_next_idx ON application_tasks (state, next_attempt_at);
CREATE INDEX application_tasks_lease_idx      ON application_tasks (lease_until) WHERE lease_until IS NOT NULL;

-- Append-only trail of every automation step, shown to the user as "steps". fields lists form
-- field NAMES only, never the values typed into them (values are PII).
CREATE TABLE application_audit_log (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id  uuid        NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    step            text        NOT NULL,
    outcome         text        NOT NULL,
    started_at      timestamptz NOT NULL DEFAULT now(),
    duration_ms     integer     CHECK (duration_ms >= 0),
    fields          text[]      NOT NULL DEFAULT '{}',
    screenshot_ref  text,
    detail          jsonb,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX application_audit_log_application_idx ON application_audit_log (application_id, id);

-- Screenshots taken by the automation (e.g. at NEEDS_HUMAN). A screenshot of a filled form shows
-- the candidate's name, email, phone and answers, so the image is CIPHERTEXT (data_enc, sealed
-- under key_id) like any other PII. seq orders them within an application.
CREATE TABLE application_screenshots (
    id              uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    application_id  uuid        NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    seq             integer     NOT NULL CHECK (seq >= 0),
    content_type    text        NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg', 'image/webp')),
    data_enc        bytea       NOT NULL,           -- ciphertext
    key_id          text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT application_screenshots_application_seq_key UNIQUE (application_id, seq)
);

-- Per-ATS-domain politeness and health, enforced cluster-wide by the automation workers: at most
-- max_concurrency sessions, the per_* rate limits and min_interval_ms between starts. The circuit
-- opens after consecutive failures; paused_until is an operator's (or the breaker's) pause.
-- A domain without a row uses the column defaults.
CREATE TABLE domains (
    domain                text        PRIMARY KEY CHECK (domain = lower(domain) AND domain <> ''),
    ats_kind              text,
    max_concurrency       integer     NOT NULL DEFAULT 5   CHECK (max_concurrency >= 1),
    per_minute            integer     NOT NULL DEFAULT 10  CHECK (per_minute >= 1),
    per_hour              integer     NOT NULL DEFAULT 100 CHECK (per_hour >= 1),
    per_day               integer     NOT NULL DEFAULT 500 CHECK (per_day >= 1),
    min_interval_ms       integer     NOT NULL DEFAULT 0   CHECK (min_interval_ms >= 0),
    circuit_state         text        NOT NULL DEFAULT 'closed'
                                      CHECK (circuit_state IN ('closed', 'open', 'half_open')),
    circuit_opened_at     timestamptz,
    consecutive_failures  integer     NOT NULL DEFAULT 0 CHECK (consecutive_failures >= 0),
    paused_until          timestamptz,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now()
);


-- ---------------------------------------------------------------------------------------------
-- Notifications
-- ---------------------------------------------------------------------------------------------

-- The user's in-app inbox; every other channel is a delivery of one of these rows. dedupe_key
-- makes consuming the same event twice (at-least-once bus / queue) create one notification.
CREATE TABLE notifications (
    id          uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind        text        NOT NULL,
    title       text        NOT NULL,
    body        text,
    data        jsonb       NOT NULL DEFAULT '{}',
    dedupe_key  text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    read_at     timestamptz,
    CONSTRAINT notifications_user_dedupe_key UNIQUE (user_id, dedupe_key)
);
CREATE INDEX notifications_user_created_idx ON notifications (user_id, created_at DESC);
CREATE INDEX notifications_user_unread_idx  ON notifications (user_id, created_at DESC) WHERE read_at IS NULL;

-- Push/mobile devices. A token belongs to one app install; if it re-registers under another user
-- the row moves (UNIQUE (platform, token)). Revoked when the provider reports it invalid.
CREATE TABLE device_tokens (
    id            uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id       uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    platform      text        NOT NULL CHECK (platform IN ('apns', 'fcm')),
    token         text        NOT NULL,
    app_id        text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_seen_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at    timestamptz,
    CONSTRAINT device_tokens_platform_token_key UNIQUE (platform, token)
);
CREATE INDEX device_tokens_user_active_idx ON device_tokens (user_id) WHERE revoked_at IS NULL;

-- Outbound delivery of a notification on one channel (and, for push, one device), retried with
-- backoff from next_attempt_at. The unique key makes enqueueing idempotent (device_token_id is NULL
-- for email/websocket, and NULLs compare equal here).
CREATE TABLE notification_deliveries (
    id               uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    notification_id  uuid        NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
    channel          text        NOT NULL CHECK (channel IN ('email', 'apns', 'fcm', 'websocket')),
    device_token_id  uuid        REFERENCES device_tokens (id) ON DELETE SET NULL,
    status           text        NOT NULL DEFAULT 'pending'
                                 CHECK (status IN ('pending', 'sent', 'failed', 'skipped')),
    attempts         integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    last_error       text,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    sent_at          timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT notification_deliveries_target_key
        UNIQUE NULLS NOT DISTINCT (notification_id, channel, device_token_id)
);
CREATE INDEX notification_deliveries_due_idx ON notification_deliveries (next_attempt_at) WHERE status = 'pending';

-- Per-user opt-in/out per (notification kind, channel). No row means the application default.
CREATE TABLE notification_preferences (
    user_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind        text        NOT NULL,
    channel     text        NOT NULL CHECK (channel IN ('email', 'apns', 'fcm', 'websocket')),
    enabled     boolean     NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, kind, channel)
);


-- ---------------------------------------------------------------------------------------------
-- Analytics
-- ---------------------------------------------------------------------------------------------

-- What the feed showed, in order, per request: joined with user_job_interactions it gives
-- precision@k and nDCG of right swipes per ranking_version. Append-only; kept after account
-- deletion (see header).
CREATE TABLE feed_impressions (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id          uuid        NOT NULL REFERENCES users (id),
    feed_request_id  uuid        NOT NULL,
    job_id           uuid        NOT NULL REFERENCES jobs (id) ON DELETE RESTRICT,
    rank             integer     NOT NULL CHECK (rank >= 0),
    score            real,
    ranking_version  text,
    created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX feed_impressions_user_created_idx ON feed_impressions (user_id, created_at DESC);
CREATE INDEX feed_impressions_request_idx      ON feed_impressions (feed_request_id);
