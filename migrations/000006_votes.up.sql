-- One vote per person and target. The target's counts change in the same
-- transaction through the triggers below; nothing per voter is counted, so
-- no row is hot for a busy voter, only for the busy post.
CREATE TABLE post_votes (
    post_id   bigint      NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    person_id bigint      NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    score     smallint    NOT NULL CHECK (score IN (-1, 1)),
    -- id of the Like/Dislike activity, which an Undo refers to.
    ap_id     text        UNIQUE,
    published timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (post_id, person_id)
);
CREATE INDEX post_votes_person_idx ON post_votes (person_id);

CREATE TABLE comment_votes (
    comment_id bigint      NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    person_id  bigint      NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    post_id    bigint      NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    score      smallint    NOT NULL CHECK (score IN (-1, 1)),
    ap_id      text        UNIQUE,
    published  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (comment_id, person_id)
);
CREATE INDEX comment_votes_person_post_idx ON comment_votes (person_id, post_id);

CREATE FUNCTION votes_count() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    up   int := 0;
    down int := 0;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        up := up - (OLD.score = 1)::int;
        down := down - (OLD.score = -1)::int;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        up := up + (NEW.score = 1)::int;
        down := down + (NEW.score = -1)::int;
    END IF;
    IF up = 0 AND down = 0 THEN
        RETURN NULL;
    END IF;
    IF TG_TABLE_NAME = 'post_votes' THEN
        UPDATE posts SET upvotes = upvotes + up, downvotes = downvotes + down, score = score + up - down
        WHERE id = coalesce(NEW.post_id, OLD.post_id);
    ELSE
        UPDATE comments SET upvotes = upvotes + up, downvotes = downvotes + down, score = score + up - down
        WHERE id = coalesce(NEW.comment_id, OLD.comment_id);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER post_votes_count AFTER INSERT OR DELETE OR UPDATE OF score ON post_votes
    FOR EACH ROW EXECUTE FUNCTION votes_count();
CREATE TRIGGER comment_votes_count AFTER INSERT OR DELETE OR UPDATE OF score ON comment_votes
    FOR EACH ROW EXECUTE FUNCTION votes_count();
