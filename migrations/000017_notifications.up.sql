-- Notifications: a local person's replies and mentions, for /inbox and the
-- unread count in every page's header. Each names what caused it, a
-- comment or (for a mention in a post) a post, and is unique per
-- recipient, kind and object, so that an activity delivered twice, a
-- comment fetched before its Create arrives, or an edit that keeps a
-- mention notifies once.
CREATE TABLE notifications (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    recipient_id bigint      NOT NULL REFERENCES local_users (person_id) ON DELETE CASCADE,
    kind         text        NOT NULL CHECK (kind IN ('reply', 'mention')),
    -- The post it happened in, always; the comment, unless it was the post.
    post_id      bigint      NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    comment_id   bigint      REFERENCES comments (id) ON DELETE CASCADE,
    -- Who wrote it, kept here so the header's count need not reach the
    -- comment to leave out bots.
    actor_id     bigint      NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    read         boolean     NOT NULL DEFAULT false,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CHECK (kind = 'mention' OR comment_id IS NOT NULL)
);
CREATE UNIQUE INDEX notifications_object_key
    ON notifications (recipient_id, kind, post_id, comment_id) NULLS NOT DISTINCT;
-- Newest first, a page at a time by id; and the unread ones, for the count
-- in the header and the Unread filter.
CREATE INDEX notifications_page_idx ON notifications (recipient_id, id DESC);
CREATE INDEX notifications_unread_idx ON notifications (recipient_id, id DESC) WHERE NOT read;
-- For the cascades when a comment, post or person is purged.
CREATE INDEX notifications_post_idx ON notifications (post_id);
CREATE INDEX notifications_comment_idx ON notifications (comment_id);
CREATE INDEX notifications_actor_idx ON notifications (actor_id);

-- A person may leave bots' replies and mentions out of their inbox, as
-- Lemmy's settings offer; bots are people.bot (a remote Service actor, or
-- a local account marked so).
ALTER TABLE local_users ADD COLUMN hide_bot_notifications boolean NOT NULL DEFAULT false;
