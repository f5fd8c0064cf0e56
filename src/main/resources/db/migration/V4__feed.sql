-- The profile's vector, cached for ranking. Recomputed when the profile or its resumes changed after
-- computed_at (source_version says which state it was made from) or when the model changes. Derived from the
-- profile, so it goes with it on erasure (PersonalData deletes it; the cascade covers a hard delete).
CREATE TABLE profile_embeddings (
    user_id         uuid        PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    embedding       real[]      NOT NULL CHECK (array_ndims(embedding) = 1),
    model           text        NOT NULL,
    source_version  text        NOT NULL,
    computed_at     timestamptz NOT NULL DEFAULT now()
);

-- One ranking of a user's feed, which a cursor walks page by page: the order is fixed when the first page is
-- asked for, so pages neither repeat nor skip while swipes and new jobs move the scores. items is the ranked
-- list [{jobId, score, why}]; rankings older than a day are dropped by the matching role.
CREATE TABLE feed_rankings (
    id               uuid        PRIMARY KEY,
    user_id          uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    ranking_version  text        NOT NULL,
    items            jsonb       NOT NULL CHECK (jsonb_typeof(items) = 'array'),
    created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX feed_rankings_created_idx ON feed_rankings (created_at);

-- A swipe records the rank and score its job was shown with: the latest impression of that job for the user.
CREATE INDEX feed_impressions_user_job_idx ON feed_impressions (user_id, job_id, created_at DESC);

-- GET /v1/saved pages through one user's saves, newest first.
CREATE INDEX user_job_interactions_saved_idx ON user_job_interactions (user_id, updated_at DESC, id)
    WHERE direction = 'save';
