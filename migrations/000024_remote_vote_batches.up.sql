-- Remote votes are applied many to one statement (forum's vote batches):
-- a busy inbox then pays one round trip and one commit for a batch of
-- votes instead of several round trips and a commit for each.

-- vote_check is what deciding on personID's vote on a post (comment 0) or
-- a comment needs to know, and whether its community has followers to
-- announce the vote to; no row when there is no such post or comment.
CREATE FUNCTION vote_check(p_post bigint, p_comment bigint, p_person bigint)
RETURNS TABLE (post_id bigint, community_id bigint, community_ap_id text, community_local boolean,
               community_followed boolean, gone boolean, community_gone boolean, banned boolean)
LANGUAGE sql STABLE AS $$
    SELECT po.id, co.id, co.ap_id, co.local,
        EXISTS (SELECT 1 FROM community_follows f WHERE f.community_id = co.id AND f.state = 'accepted'),
        (po.deleted OR po.removed OR coalesce(cm.deleted OR cm.removed, false)),
        (co.deleted OR co.removed),
        ((pe.banned AND (pe.ban_expires_at IS NULL OR pe.ban_expires_at > now()))
            OR EXISTS (SELECT 1 FROM community_bans b WHERE b.community_id = co.id AND b.person_id = pe.id
                AND (b.expires_at IS NULL OR b.expires_at > now())))
    FROM posts po
    JOIN communities co ON co.id = po.community_id
    JOIN people pe ON pe.id = p_person
    LEFT JOIN comments cm ON cm.id = p_comment AND cm.post_id = po.id
    WHERE po.id = coalesce((SELECT c.post_id FROM comments c WHERE c.id = p_comment), p_post)
        AND (p_comment = 0 OR cm.id IS NOT NULL)
$$;

-- Vote counts change once per statement, not once per vote: a batch of
-- votes on one post updates its row (and its ten indexes) once, and holds
-- its lock only at the end of the batch. The transition tables hold the
-- rows as they were and became, so the counts stay exact.
DROP TRIGGER post_votes_count ON post_votes;
DROP TRIGGER comment_votes_count ON comment_votes;
DROP FUNCTION votes_count();

-- count_votes adds to each post (comment_ids all 0) or comment its votes
-- gained (+1 for a vote now there) and lost (-1 for a vote gone), locking
-- the rows in id order so that two batches cannot deadlock.
CREATE FUNCTION count_votes(tbl text, ids bigint[], scores int[], signs int[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF tbl = 'post_votes' THEN
        PERFORM 1 FROM posts WHERE id = ANY (ids) ORDER BY id FOR NO KEY UPDATE;
        UPDATE posts p SET upvotes = p.upvotes + d.up, downvotes = p.downvotes + d.down,
            score = p.score + d.up - d.down
        FROM (SELECT id, sum(sign * (score = 1)::int) AS up, sum(sign * (score = -1)::int) AS down
              FROM unnest(ids, scores, signs) AS u(id, score, sign) GROUP BY id) d
        WHERE p.id = d.id AND (d.up <> 0 OR d.down <> 0);
    ELSE
        PERFORM 1 FROM comments WHERE id = ANY (ids) ORDER BY id FOR NO KEY UPDATE;
        UPDATE comments c SET upvotes = c.upvotes + d.up, downvotes = c.downvotes + d.down,
            score = c.score + d.up - d.down
        FROM (SELECT id, sum(sign * (score = 1)::int) AS up, sum(sign * (score = -1)::int) AS down
              FROM unnest(ids, scores, signs) AS u(id, score, sign) GROUP BY id) d
        WHERE c.id = d.id AND (d.up <> 0 OR d.down <> 0);
    END IF;
END $$;

CREATE FUNCTION votes_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'post_votes' THEN
        PERFORM count_votes(TG_TABLE_NAME, array_agg(post_id), array_agg(score::int), array_agg(1)) FROM new_rows;
    ELSE
        PERFORM count_votes(TG_TABLE_NAME, array_agg(comment_id), array_agg(score::int), array_agg(1)) FROM new_rows;
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION votes_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'post_votes' THEN
        PERFORM count_votes(TG_TABLE_NAME, array_agg(post_id), array_agg(score::int), array_agg(-1)) FROM old_rows;
    ELSE
        PERFORM count_votes(TG_TABLE_NAME, array_agg(comment_id), array_agg(score::int), array_agg(-1)) FROM old_rows;
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION votes_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'post_votes' THEN
        PERFORM count_votes(TG_TABLE_NAME, array_agg(id), array_agg(score), array_agg(sign)) FROM (
            SELECT post_id AS id, score::int, 1 AS sign FROM new_rows
            UNION ALL SELECT post_id, score::int, -1 FROM old_rows) d;
    ELSE
        PERFORM count_votes(TG_TABLE_NAME, array_agg(id), array_agg(score), array_agg(sign)) FROM (
            SELECT comment_id AS id, score::int, 1 AS sign FROM new_rows
            UNION ALL SELECT comment_id, score::int, -1 FROM old_rows) d;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER post_votes_inserted AFTER INSERT ON post_votes
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION votes_inserted();
CREATE TRIGGER post_votes_deleted AFTER DELETE ON post_votes
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION votes_deleted();
CREATE TRIGGER post_votes_updated AFTER UPDATE ON post_votes
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION votes_updated();
CREATE TRIGGER comment_votes_inserted AFTER INSERT ON comment_votes
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION votes_inserted();
CREATE TRIGGER comment_votes_deleted AFTER DELETE ON comment_votes
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION votes_deleted();
CREATE TRIGGER comment_votes_updated AFTER UPDATE ON comment_votes
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION votes_updated();

-- apply_remote_votes applies the votes given as parallel arrays, in their
-- order, each as forum.ApplyRemoteVote describes: the activity id marked
-- received (a repeat is 'duplicate'), an Undo's (score 0) undone vote id
-- marked too, then the vote set or taken back. A vote that is refused
-- ('gone', 'banned') leaves no trace, as a rolled-back transaction would.
-- The votes accepted are then written in four statements, the last of
-- each person's on each post or comment winning, as it would one after
-- the other. One row per vote, numbered from 1 as given.
CREATE FUNCTION apply_remote_votes(activity_ids text[], person_ids bigint[], post_ids bigint[],
                                   comment_ids bigint[], scores int[], vote_ap_ids text[])
RETURNS TABLE (n int, outcome text, community_id bigint, community_ap_id text, community_local boolean,
               community_followed boolean)
LANGUAGE plpgsql AS $$
DECLARE
    v       record;
    fresh   int;
    ap      text;
    -- the votes accepted, in order: what is written at the end
    a_post  bigint[] := '{}';
    a_cmt   bigint[] := '{}';
    a_pers  bigint[] := '{}';
    a_score int[] := '{}';
    a_ap    text[] := '{}';
BEGIN
    -- The rows whose counts change are locked first, in id order: another
    -- batch being written at the same time waits for those it shares
    -- with this one, and the two cannot deadlock.
    PERFORM 1 FROM posts WHERE id = ANY (post_ids) ORDER BY id FOR NO KEY UPDATE;
    PERFORM 1 FROM comments WHERE id = ANY (comment_ids) ORDER BY id FOR NO KEY UPDATE;
    FOR i IN 1 .. coalesce(array_length(activity_ids, 1), 0) LOOP
        n := i;
        outcome := NULL;
        community_id := NULL;
        community_ap_id := NULL;
        community_local := NULL;
        community_followed := NULL;
        IF activity_ids[i] <> '' THEN
            INSERT INTO received_activities (ap_id) VALUES (activity_ids[i]) ON CONFLICT DO NOTHING;
            GET DIAGNOSTICS fresh = ROW_COUNT;
            IF fresh = 0 THEN
                outcome := 'duplicate';
                RETURN NEXT;
                CONTINUE;
            END IF;
        END IF;
        ap := vote_ap_ids[i];
        SELECT * INTO v FROM vote_check(post_ids[i], comment_ids[i], person_ids[i]);
        IF NOT FOUND THEN
            outcome := 'gone';
        ELSIF v.banned AND scores[i] <> 0 THEN
            outcome := 'banned';
        ELSIF scores[i] <> 0 AND (v.gone OR v.community_gone) THEN
            outcome := 'gone';
        END IF;
        IF outcome IS NOT NULL THEN
            DELETE FROM received_activities WHERE ap_id = activity_ids[i];
            RETURN NEXT;
            CONTINUE;
        END IF;
        IF scores[i] = 0 AND ap <> '' THEN
            INSERT INTO received_activities (ap_id) VALUES (ap) ON CONFLICT DO NOTHING;
            ap := '';
        END IF;
        a_post := a_post || v.post_id;
        a_cmt := a_cmt || comment_ids[i];
        a_pers := a_pers || person_ids[i];
        a_score := a_score || scores[i];
        a_ap := a_ap || nullif(ap, '');
        outcome := 'applied';
        community_id := v.community_id;
        community_ap_id := v.community_ap_id;
        community_local := v.community_local;
        community_followed := v.community_followed;
        RETURN NEXT;
    END LOOP;

    -- Each person's last vote on each post or comment, in the order of
    -- the rows they lock.
    SELECT coalesce(array_agg(d.p ORDER BY d.p, d.c, d.pe), '{}'), coalesce(array_agg(d.c ORDER BY d.p, d.c, d.pe), '{}'),
           coalesce(array_agg(d.pe ORDER BY d.p, d.c, d.pe), '{}'), coalesce(array_agg(d.s ORDER BY d.p, d.c, d.pe), '{}'),
           coalesce(array_agg(d.a ORDER BY d.p, d.c, d.pe), '{}')
    INTO a_post, a_cmt, a_pers, a_score, a_ap
    FROM (SELECT DISTINCT ON (u.p, u.c, u.pe) u.p, u.c, u.pe, u.s, u.a
          FROM unnest(a_post, a_cmt, a_pers, a_score, a_ap) WITH ORDINALITY AS u(p, c, pe, s, a, o)
          ORDER BY u.p, u.c, u.pe, u.o DESC) d;

    -- A statement's triggers run even when it changes nothing: only the
    -- statements with votes to write are made.
    IF EXISTS (SELECT 1 FROM unnest(a_cmt, a_score) AS d(c, s) WHERE d.c = 0 AND d.s = 0) THEN
        DELETE FROM post_votes pv USING unnest(a_post, a_cmt, a_pers, a_score) AS d(p, c, pe, s)
        WHERE d.c = 0 AND d.s = 0 AND pv.post_id = d.p AND pv.person_id = d.pe;
    END IF;
    IF EXISTS (SELECT 1 FROM unnest(a_cmt, a_score) AS d(c, s) WHERE d.c = 0 AND d.s <> 0) THEN
        INSERT INTO post_votes AS pv (post_id, person_id, score, ap_id)
    SELECT d.p, d.pe, d.s, d.a FROM unnest(a_post, a_cmt, a_pers, a_score, a_ap) AS d(p, c, pe, s, a)
    WHERE d.c = 0 AND d.s <> 0
    ON CONFLICT (post_id, person_id) DO UPDATE SET score = excluded.score, ap_id = excluded.ap_id,
        published = CASE WHEN pv.score = excluded.score THEN pv.published ELSE now() END;
    END IF;
    IF EXISTS (SELECT 1 FROM unnest(a_cmt, a_score) AS d(c, s) WHERE d.c <> 0 AND d.s = 0) THEN
        DELETE FROM comment_votes cv USING unnest(a_post, a_cmt, a_pers, a_score) AS d(p, c, pe, s)
        WHERE d.c <> 0 AND d.s = 0 AND cv.comment_id = d.c AND cv.person_id = d.pe;
    END IF;
    IF EXISTS (SELECT 1 FROM unnest(a_cmt, a_score) AS d(c, s) WHERE d.c <> 0 AND d.s <> 0) THEN
        INSERT INTO comment_votes AS cv (comment_id, person_id, post_id, score, ap_id)
        SELECT d.c, d.pe, d.p, d.s, d.a FROM unnest(a_post, a_cmt, a_pers, a_score, a_ap) AS d(p, c, pe, s, a)
        WHERE d.c <> 0 AND d.s <> 0
        ON CONFLICT (comment_id, person_id) DO UPDATE SET score = excluded.score, ap_id = excluded.ap_id,
            published = CASE WHEN cv.score = excluded.score THEN cv.published ELSE now() END;
    END IF;
END $$;
