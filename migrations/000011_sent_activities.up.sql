-- The activities we send, so that a GET of an activity's id answers with
-- it: Mastodon and its kin refuse an Announce whose object they cannot
-- fetch. Written in the transaction that queues the deliveries, so an id
-- answers as soon as anything could have received it; pruned after
-- forum.SentActivityRetention, past any retry of its deliveries.
CREATE TABLE sent_activities (
    ap_id      text        PRIMARY KEY,
    -- json, not jsonb: served byte for byte as it was delivered.
    activity   json        NOT NULL,
    -- A private message, which is not served to whoever asks.
    sensitive  boolean     NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sent_activities_created_idx ON sent_activities (created_at);
