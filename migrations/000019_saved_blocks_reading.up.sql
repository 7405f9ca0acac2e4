-- What a person keeps for later, blocks for themselves, and how they read.
-- Each table is keyed by the person first: every read of them is "this
-- person's", an index range or a probe of the primary key.

-- Saved posts and comments, listed together at /saved, newest saved first.
CREATE TABLE saved_posts (
    person_id bigint      NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    post_id   bigint      NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    saved_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (person_id, post_id)
);
CREATE INDEX saved_posts_person_saved_idx ON saved_posts (person_id, saved_at DESC, post_id DESC);
-- A purge deletes posts; without it, each would scan the table.
CREATE INDEX saved_posts_post_idx ON saved_posts (post_id);

CREATE TABLE saved_comments (
    person_id  bigint      NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    comment_id bigint      NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    saved_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (person_id, comment_id)
);
CREATE INDEX saved_comments_person_saved_idx ON saved_comments (person_id, saved_at DESC, comment_id DESC);
CREATE INDEX saved_comments_comment_idx ON saved_comments (comment_id);

-- A person's own blocks, unlike the admins' instance blocks: they only
-- hide things from that person. Listings leave out what they name with an
-- anti-join on the primary key, and only for people who have any.
CREATE TABLE person_blocks (
    person_id  bigint      NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    target_id  bigint      NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    published  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (person_id, target_id),
    CONSTRAINT person_blocks_not_self CHECK (person_id <> target_id)
);
CREATE INDEX person_blocks_target_idx ON person_blocks (target_id);

CREATE TABLE community_blocks (
    person_id    bigint      NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    community_id bigint      NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    published    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (person_id, community_id)
);
CREATE INDEX community_blocks_community_idx ON community_blocks (community_id);

CREATE TABLE instance_blocks (
    person_id   bigint      NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    instance_id bigint      NOT NULL REFERENCES instances (id) ON DELETE CASCADE,
    published   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (person_id, instance_id)
);
CREATE INDEX instance_blocks_instance_idx ON instance_blocks (instance_id);

-- Posts a person has opened, for "hide read posts": one insert per visit
-- of a post page, nothing when it was read before.
CREATE TABLE post_reads (
    person_id bigint      NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    post_id   bigint      NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    read_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (person_id, post_id)
);
CREATE INDEX post_reads_post_idx ON post_reads (post_id);

-- Reading preferences, as Lemmy's local_user has them. An empty list of
-- discussion languages reads every language; posts and comments of
-- undetermined language are always read.
ALTER TABLE local_users
    ADD COLUMN show_read_posts      boolean NOT NULL DEFAULT true,
    ADD COLUMN show_scores          boolean NOT NULL DEFAULT true,
    ADD COLUMN show_bot_accounts    boolean NOT NULL DEFAULT true,
    ADD COLUMN blur_nsfw            boolean NOT NULL DEFAULT true,
    ADD COLUMN discussion_languages text[]  NOT NULL DEFAULT '{}'
        CONSTRAINT local_users_discussion_languages_check CHECK (cardinality(discussion_languages) <= 100);
