-- Near-duplicate lookup compares a posting with open jobs of the same company, spelled any way ("Acme, Inc."
-- and "ACME" are one company). company_key is that normalised name, written by ingestion.
-- title_key is the title's normalised, order-free tokens: candidates are looked up by both, so the lookup stays
-- cheap on a board with 100,000 jobs of one company. The title leads the index: it is the selective part (one
-- company can have every job of a board).
ALTER TABLE jobs ADD COLUMN company_key text;
ALTER TABLE jobs ADD COLUMN title_key text;
UPDATE jobs SET company_key = lower(company), title_key = lower(title) WHERE company_key IS NULL;
CREATE INDEX jobs_title_company_key_open_idx ON jobs (title_key, company_key) WHERE status = 'open';

-- When a job's apply page was last re-checked; a 404 or 410 there closes the job even while a source still
-- lists it (boards lag behind their own ATS).
ALTER TABLE jobs ADD COLUMN verified_at timestamptz;
CREATE INDEX jobs_verify_due_idx ON jobs (verified_at NULLS FIRST) WHERE status = 'open';
