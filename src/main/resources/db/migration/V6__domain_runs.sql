-- Automation's durable machinery: per-domain run starts for the rate windows, and two task columns.
--
-- Concurrency per ATS domain is NOT stored here: a running session holds a PostgreSQL session advisory lock
-- (hashtext('jobswipe.domain:' || domain), slot) for slot in 0 .. max_concurrency - 1 on a connection of its
-- own, so a crashed worker's slot is freed by the server when its connection drops. Rate windows need history,
-- so every granted start is a row here, checked and inserted while holding the domain's transaction advisory
-- lock (same first key, second key -1): two nodes can never both take the last start of a window.
CREATE TABLE domain_runs (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    domain      text        NOT NULL,
    task_id     uuid        REFERENCES application_tasks (id) ON DELETE SET NULL,
    started_at  timestamptz NOT NULL DEFAULT now()
);
-- "The n-th most recent start of this domain": one backwards index scan per window.
CREATE INDEX domain_runs_domain_started_idx ON domain_runs (domain, started_at DESC);
-- Rows older than the longest window (a day) are deleted by the reconciler.
CREATE INDEX domain_runs_started_idx ON domain_runs (started_at);

-- When the task's id was last handed to the backlog (RabbitMQ or in-process). The reconciler re-sends a task
-- only when it has waited longer than its message should take, so a long backlog is not flooded with duplicates.
-- New tasks count as enqueued at insert: the right swipe tells automation at once.
ALTER TABLE application_tasks ADD COLUMN enqueued_at timestamptz NOT NULL DEFAULT now();

-- When the task passed the per-user guards (company cap, do-not-apply list). A passed task holds one place of
-- its company's cap until it ends CANCELLED or FAILED, so two tasks for one company racing on two nodes cannot
-- both take the last place, and a task coming back from RATE_LIMITED is not checked against itself.
ALTER TABLE application_tasks ADD COLUMN guarded_at timestamptz;

-- The reconciler's query: tasks waiting for a message, due again, or with an expired lease.
CREATE INDEX application_tasks_enqueued_idx ON application_tasks (state, enqueued_at);
