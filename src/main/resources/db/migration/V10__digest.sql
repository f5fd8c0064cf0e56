-- The daily "new matches" digest (issue #12).

-- What the matching role ranks a user's digest by: their latest feed request without its cursor (skills, titles,
-- headline, profile vector, hard filters; derived data, no contact details). The api role sends the profile only
-- with a feed request, so matching keeps the last one. Owned by matching; erasure deletes the row.
CREATE TABLE matching_profiles (
    user_id    uuid        PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    query      jsonb       NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- One row per user whose digest came due, owned by the notification role. A node claims a user's digest for the
-- local day it is due (claimed_day) with a lease; whoever holds the lease asks matching, creates the notification
-- (its dedupe key digest:<day> makes a second one impossible) and records the day as done. A node that dies
-- mid-way leaves the lease to expire; the next claimant finds the notification already there and only records it.
--   last_day      the user's local date of the last digest handled (sent, or skipped for lack of anything new)
--   last_sent_at  when the last digest actually went out: the next one names jobs first seen after it
CREATE TABLE notification_digests (
    user_id      uuid        PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    last_day     date,
    last_sent_at timestamptz,
    claimed_day  date,
    leased_by    text,
    lease_until  timestamptz,
    CONSTRAINT notification_digests_lease_check CHECK ((leased_by IS NULL) = (lease_until IS NULL))
);

-- "Open jobs first seen after the last digest".
CREATE INDEX jobs_open_first_seen_idx ON jobs (first_seen_at) WHERE status = 'open';
