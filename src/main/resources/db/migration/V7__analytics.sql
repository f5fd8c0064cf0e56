-- Analytics: what users report about their applications, a log of source polls, and the daily rollups the
-- reports read (docs/analytics.md describes each report and the rollup job).
--
-- Days are UTC dates. A rollup row holds one closed day: the job recomputes whole days (delete, then insert the
-- day's aggregate from the record), so running it twice, or after a crash half-way, gives the same rows.
-- The record stays the source of truth; every rollup table can be dropped and rebuilt from it.

-- What the job seeker reported after the submit ("I got an interview"). Append-only: the latest row of an
-- application is its current outcome, the earlier ones are its history. Kept after account deletion, like
-- applications (the note is free text from the user, so erasure blanks it).
CREATE TABLE application_outcomes (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id  uuid        NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    user_id         uuid        NOT NULL REFERENCES users (id),
    outcome         text        NOT NULL CHECK (outcome IN ('interview', 'offer', 'rejected', 'no_response', 'withdrawn')),
    note            text        CHECK (char_length(note) <= 2000),
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX application_outcomes_application_idx ON application_outcomes (application_id, outcome, created_at);
CREATE INDEX application_outcomes_created_idx     ON application_outcomes (created_at);

-- One row per poll of a source, written by the ingestion role when the poll ends (success or failure).
CREATE TABLE source_polls (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source_id    uuid        NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    started_at   timestamptz NOT NULL,
    duration_ms  integer     NOT NULL CHECK (duration_ms >= 0),
    ok           boolean     NOT NULL,
    fetched      integer     NOT NULL DEFAULT 0 CHECK (fetched >= 0),
    created      integer     NOT NULL DEFAULT 0 CHECK (created >= 0),
    merged       integer     NOT NULL DEFAULT 0 CHECK (merged >= 0),
    closed       integer     NOT NULL DEFAULT 0 CHECK (closed >= 0),
    error        text
);
CREATE INDEX source_polls_started_idx ON source_polls (started_at);

-- The rollup job finds the days to recompute from rows changed since its watermark: these make that a range
-- scan instead of a pass over the whole record, and let one day be re-read cheaply.
CREATE INDEX feed_impressions_created_idx             ON feed_impressions (created_at);
CREATE INDEX user_job_interactions_created_idx        ON user_job_interactions (created_at);
CREATE INDEX user_job_interactions_updated_idx        ON user_job_interactions (updated_at);
CREATE INDEX applications_created_idx                 ON applications (created_at);
CREATE INDEX applications_updated_idx                 ON applications (updated_at);
CREATE INDEX applications_submitted_idx               ON applications (submitted_at) WHERE submitted_at IS NOT NULL;
CREATE INDEX application_audit_log_created_idx        ON application_audit_log (created_at);
CREATE INDEX job_sources_first_seen_idx               ON job_sources (first_seen_at);
CREATE INDEX jobs_closed_idx                          ON jobs (closed_at) WHERE closed_at IS NOT NULL;
CREATE INDEX users_created_idx                        ON users (created_at);
CREATE INDEX users_verified_idx                       ON users (email_verified_at) WHERE email_verified_at IS NOT NULL;

-- The job's progress. One row. watermark: rows changed at or after it may not be in the rollups yet (it lags the
-- run by an overlap, and never passes the start of the day the run saw, so a day is always re-read once closed).
-- complete_through: the last day the rollups hold; reports read later days live from the record.
CREATE TABLE analytics_rollup_state (
    id                smallint    PRIMARY KEY CHECK (id = 1),
    watermark         timestamptz NOT NULL,
    complete_through  date,
    last_run_at       timestamptz,
    last_run_ms       integer,
    last_days         integer
);
INSERT INTO analytics_rollup_state (id, watermark) VALUES (1, '-infinity');

-- Funnel stages per day and job attributes. Each stage counts the events of that day: cards shown, right swipes
-- made, applications queued, applications submitted, and each outcome the first time an application reached it.
CREATE TABLE analytics_funnel_daily (
    day           date   NOT NULL,
    category      text   NOT NULL,
    source        text   NOT NULL,
    ats           text   NOT NULL,
    impressions   bigint NOT NULL,
    right_swipes  bigint NOT NULL,
    queued        bigint NOT NULL,
    submitted     bigint NOT NULL,
    interview     bigint NOT NULL,
    offer         bigint NOT NULL,
    rejected      bigint NOT NULL,
    no_response   bigint NOT NULL,
    withdrawn     bigint NOT NULL,
    PRIMARY KEY (day, category, source, ats)
);

-- Impressions and relevant impressions (followed by a right swipe or a save) per ranking version and rank
-- (1-based; 11 stands for 11 and later).
CREATE TABLE analytics_rank_daily (
    day              date   NOT NULL,
    ranking_version  text   NOT NULL,
    rank             integer NOT NULL CHECK (rank BETWEEN 1 AND 11),
    impressions      bigint NOT NULL,
    relevant         bigint NOT NULL,
    PRIMARY KEY (day, ranking_version, rank)
);

-- Per ranking version: feed rankings seen that day and the sums of their per-ranking metrics (averaged at read
-- time, so days add up). judged = rankings with at least one relevant impression (nDCG is defined for those).
CREATE TABLE analytics_ranking_daily (
    day              date             NOT NULL,
    ranking_version  text             NOT NULL,
    rankings         bigint           NOT NULL,
    judged           bigint           NOT NULL,
    precision_5      double precision NOT NULL,
    precision_10     double precision NOT NULL,
    ndcg_5           double precision NOT NULL,
    ndcg_10          double precision NOT NULL,
    PRIMARY KEY (day, ranking_version)
);

-- Automation per ATS and domain. submit_seconds holds each submitted application's time from right swipe to
-- SUBMITTED, so percentiles over any window are exact (about 300 values a day at 100,000 applications a year).
CREATE TABLE analytics_automation_daily (
    day             date      NOT NULL,
    ats             text      NOT NULL,
    domain          text      NOT NULL,
    queued          bigint    NOT NULL,
    submitted       bigint    NOT NULL,
    failed          bigint    NOT NULL,
    needs_human     bigint    NOT NULL,
    unknown         bigint    NOT NULL,
    submit_seconds  real[]    NOT NULL,
    PRIMARY KEY (day, ats, domain)
);

-- Why applications stopped: the outcome of the trail line that moved them to NEEDS_HUMAN or FAILED.
CREATE TABLE analytics_automation_reasons_daily (
    day     date   NOT NULL,
    ats     text   NOT NULL,
    domain  text   NOT NULL,
    status  text   NOT NULL CHECK (status IN ('NEEDS_HUMAN', 'FAILED')),
    reason  text   NOT NULL,
    n       bigint NOT NULL,
    PRIMARY KEY (day, ats, domain, status, reason)
);

-- Per source: postings new to the catalogue, postings that were duplicates of a job another source brought first
-- (duplicate_of: {source name: count}), jobs closed, and its polls.
CREATE TABLE analytics_sources_daily (
    day           date   NOT NULL,
    source_id     uuid   NOT NULL,
    new_postings  bigint NOT NULL,
    duplicates    bigint NOT NULL,
    duplicate_of  jsonb  NOT NULL,
    closed        bigint NOT NULL,
    polls         bigint NOT NULL,
    failures      bigint NOT NULL,
    fetched       bigint NOT NULL,
    poll_ms       integer[] NOT NULL,
    PRIMARY KEY (day, source_id)
);

-- Sign-ups and verifications per day, and who swiped on which day (distinct users over any window are counted
-- from these rows, which a sum of daily counts could not give).
CREATE TABLE analytics_users_daily (
    day       date   PRIMARY KEY,
    signups   bigint NOT NULL,
    verified  bigint NOT NULL
);
CREATE TABLE analytics_active_daily (
    day      date   NOT NULL,
    user_id  uuid   NOT NULL,
    swipes   bigint NOT NULL,
    PRIMARY KEY (day, user_id)
);
CREATE INDEX analytics_active_daily_user_idx ON analytics_active_daily (user_id, day);
