-- A ranking keeps per job only what explains it (its places in both lists, its similarity to the query) and, once,
-- the context its cards' explanations are written from when a page shows them (the wanted skills as spelled, the
-- liked families, when it was made): writing 300 explanations per ranking when a page shows 20 cost more than the
-- page. NULL for rankings made before, whose items carry their explanation.
ALTER TABLE feed_rankings ADD COLUMN why_context jsonb;
