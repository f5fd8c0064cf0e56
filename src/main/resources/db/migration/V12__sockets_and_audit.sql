-- One-time WebSocket tickets: a browser cannot put a header on a socket handshake, so it asks for a ticket first
-- and puts that in the query string instead of its access token. Only the SHA-256 of the 256-bit ticket is kept.
-- Redeeming deletes the row (DELETE … RETURNING), so a ticket lets in one socket on whichever node, once.
CREATE TABLE ws_tickets (
    ticket_hash       bytea       PRIMARY KEY,
    user_id           uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    session_id        uuid        NOT NULL,
    -- When the access token that asked for the ticket expires: the socket's own end, unless it re-authenticates.
    token_expires_at  timestamptz NOT NULL,
    expires_at        timestamptz NOT NULL
);
CREATE INDEX ws_tickets_expires_idx ON ws_tickets (expires_at);

-- One row per open WebSocket, cluster-wide, so the per-user cap counts every node's sockets. The node holding the
-- socket renews its lease while it is open and deletes it at close; a node that dies stops renewing, and its
-- leases stop counting once they expire.
CREATE TABLE ws_leases (
    socket_id   uuid        PRIMARY KEY,
    user_id     uuid        NOT NULL,
    node_id     text        NOT NULL,
    expires_at  timestamptz NOT NULL
);
CREATE INDEX ws_leases_user_idx ON ws_leases (user_id, expires_at);
CREATE INDEX ws_leases_expires_idx ON ws_leases (expires_at);
-- Who did what to whom: exports, erasures, admins reading another user's data, and admin changes to sources,
-- domains, API keys and users. Append-only; rows older than the retention period are deleted.
CREATE TABLE audit_records (
    id          bigserial   PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now(),
    actor_kind  text        NOT NULL CHECK (actor_kind IN ('user', 'api-key')),
    actor_id    uuid        NOT NULL,
    action      text        NOT NULL,
    target_kind text        NOT NULL,
    target_id   text        NOT NULL,
    request_id  text,
    detail      jsonb       NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_records_at_idx ON audit_records (at);
CREATE INDEX audit_records_actor_idx ON audit_records (actor_id, id);
CREATE INDEX audit_records_target_idx ON audit_records (target_id, id);
CREATE INDEX audit_records_action_idx ON audit_records (action, id);
