-- Near-duplicate lookup compares a posting with open jobs of the same company, spelled any way ("Acme, Inc."
-- and "ACME" are one company). company_key is that normalised name, written by ingestion.
ALTER TABLE jobs ADD COLUMN company_key text;
UPDATE jobs SET company_key = lower(company) WHERE company_key IS NULL;
CREATE INDEX jobs_company_key_open_idx ON jobs (company_key) WHERE status = 'open';
