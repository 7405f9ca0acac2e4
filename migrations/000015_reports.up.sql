-- Reports of posts and comments, kept as Lemmy 0.19 keeps them: one table
-- for each, holding what the content said when it was reported (an edit
-- after the report cannot hide what was reported), the reason, and who
-- resolved it. Both draw their ids from one sequence, so that a report's
-- number names it alone (in /reports and `admin report resolve`), and
-- ordering by id orders the reports of both by arrival.
CREATE SEQUENCE report_ids;

CREATE TABLE post_reports (
    id                 bigint      PRIMARY KEY DEFAULT nextval('report_ids'),
    -- The Flag's id: ours for a report made here, the sender's for one
    -- received, so that a Flag sent again is recognised.
    ap_id              text        NOT NULL UNIQUE,
    -- NULL when the server that sent the report does not say who made it:
    -- Mastodon reports as its instance actor.
    creator_id         bigint      REFERENCES people (id) ON DELETE CASCADE,
    post_id            bigint      NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    original_post_name text        NOT NULL,
    original_post_url  text,
    original_post_body text,
    reason             text        NOT NULL CHECK (char_length(reason) <= 1000),
    resolved           boolean     NOT NULL DEFAULT false,
    -- Who last resolved it or took the resolution back; NULL for the
    -- admin CLI.
    resolver_id        bigint      REFERENCES people (id) ON DELETE SET NULL,
    published          timestamptz NOT NULL DEFAULT now(),
    updated            timestamptz
);
-- One open report of a thing per person: a second waits for the first to
-- be resolved.
CREATE UNIQUE INDEX post_reports_open_key ON post_reports (post_id, creator_id) WHERE NOT resolved;
CREATE INDEX post_reports_post_idx ON post_reports (post_id);
CREATE INDEX post_reports_creator_idx ON post_reports (creator_id);
CREATE INDEX post_reports_resolver_idx ON post_reports (resolver_id);

CREATE TABLE comment_reports (
    id                    bigint      PRIMARY KEY DEFAULT nextval('report_ids'),
    ap_id                 text        NOT NULL UNIQUE,
    creator_id            bigint      REFERENCES people (id) ON DELETE CASCADE,
    comment_id            bigint      NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    original_comment_text text        NOT NULL,
    reason                text        NOT NULL CHECK (char_length(reason) <= 1000),
    resolved              boolean     NOT NULL DEFAULT false,
    resolver_id           bigint      REFERENCES people (id) ON DELETE SET NULL,
    published             timestamptz NOT NULL DEFAULT now(),
    updated               timestamptz
);
CREATE UNIQUE INDEX comment_reports_open_key ON comment_reports (comment_id, creator_id) WHERE NOT resolved;
CREATE INDEX comment_reports_comment_idx ON comment_reports (comment_id);
CREATE INDEX comment_reports_creator_idx ON comment_reports (creator_id);
CREATE INDEX comment_reports_resolver_idx ON comment_reports (resolver_id);
