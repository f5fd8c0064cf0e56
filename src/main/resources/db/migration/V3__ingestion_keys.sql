-- Near-duplicate lookup compares a posting with open jobs of the same company, spelled any way ("Acme, Inc."
-- and "ACME" are one company). company_key is that normalised name, written by ingestion.
-- title_key is the title's normalised, order-free tokens: candidates are looked up by both, so the lookup stays
-- cheap on a board with 100,000 jobs of one company.
ALTER TABLE jobs ADD COLUMN company_key text;
ALTER TABLE jobs ADD COLUMN title_key text;
UPDATE jobs SET company_key = lower(company), title_key = lower(title) WHERE company_key IS NULL;
CREATE INDEX jobs_company_title_key_open_idx ON jobs (company_key, title_key) WHERE status = 'open';
