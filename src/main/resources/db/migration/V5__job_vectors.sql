-- Which version of the job's text its vector was made from. A vector is current when this equals jobs.version
-- (bumped whenever the text changes) and embedding_model is the model the embedding role runs now; anything else
-- is the embedding backlog. Kept apart from embedding so the old vector stays usable until its replacement lands.
ALTER TABLE jobs ADD COLUMN embedded_version integer;

-- The backlog, walked in id order in batches; it stays tiny in steady state, so a pass that finds nothing to do
-- costs one index probe.
CREATE INDEX jobs_embedding_due_idx ON jobs (id)
    WHERE status = 'open' AND (embedding IS NULL OR embedded_version IS DISTINCT FROM version);

-- Vectors of another model than the current one, found by two range probes around its name
-- (embedding_model < $1 OR embedding_model > $1): a model change then puts those jobs back on the backlog.
CREATE INDEX jobs_embedding_model_idx ON jobs (embedding_model) WHERE status = 'open' AND embedding_model IS NOT NULL;
