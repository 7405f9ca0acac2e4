-- Browser sessions. Only a hash of the cookie's token is stored, so a leaked
-- database cannot be replayed as cookies.
CREATE TABLE sessions (
    token_hash   bytea       PRIMARY KEY CHECK (octet_length(token_hash) = 32),
    person_id    bigint      NOT NULL REFERENCES local_users (person_id) ON DELETE CASCADE,
    user_agent   text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL
);
CREATE INDEX sessions_person_idx ON sessions (person_id);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);

-- Ids of activities already applied: a redelivered activity is acknowledged
-- and not applied twice. Pruned after a few weeks, beyond any sender's retries.
CREATE TABLE received_activities (
    ap_id       text        PRIMARY KEY,
    received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX received_activities_received_idx ON received_activities (received_at);
