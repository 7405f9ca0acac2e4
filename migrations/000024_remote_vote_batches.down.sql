DROP FUNCTION apply_remote_votes(text[], bigint[], bigint[], bigint[], int[], text[]);
DROP FUNCTION vote_check(bigint, bigint, bigint);

DROP TRIGGER post_votes_inserted ON post_votes;
DROP TRIGGER post_votes_deleted ON post_votes;
DROP TRIGGER post_votes_updated ON post_votes;
DROP TRIGGER comment_votes_inserted ON comment_votes;
DROP TRIGGER comment_votes_deleted ON comment_votes;
DROP TRIGGER comment_votes_updated ON comment_votes;
DROP FUNCTION votes_inserted();
DROP FUNCTION votes_deleted();
DROP FUNCTION votes_updated();
DROP FUNCTION count_votes(text, bigint[], int[], int[]);

-- As 000006 made them.
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
