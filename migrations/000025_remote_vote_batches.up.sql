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

-- apply_remote_votes applies the votes given as parallel arrays, in their
-- order, each as forum.ApplyRemoteVote describes: the activity id marked
-- received (a repeat is 'duplicate'), an Undo's (score 0) undone vote id
-- marked too, then the vote set or taken back. A vote that is refused
-- ('gone', 'banned', 'conflict': its id already names another vote)
-- leaves no trace, as a rolled-back transaction would. One row per vote,
-- numbered from 1 as given.
CREATE FUNCTION apply_remote_votes(activity_ids text[], person_ids bigint[], post_ids bigint[],
                                   comment_ids bigint[], scores int[], vote_ap_ids text[])
RETURNS TABLE (n int, outcome text, community_id bigint, community_ap_id text, community_local boolean,
               community_followed boolean)
LANGUAGE plpgsql AS $$
DECLARE
    v     record;
    fresh int;
    ap    text;
BEGIN
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
        ELSIF scores[i] <> 0 AND ap <> '' AND (
            EXISTS (SELECT 1 FROM post_votes pv WHERE pv.ap_id = ap
                AND (comment_ids[i] <> 0 OR pv.post_id <> v.post_id OR pv.person_id <> person_ids[i]))
            OR EXISTS (SELECT 1 FROM comment_votes cv WHERE cv.ap_id = ap
                AND (cv.comment_id <> comment_ids[i] OR cv.person_id <> person_ids[i]))) THEN
            outcome := 'conflict';
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
        IF comment_ids[i] <> 0 THEN
            IF scores[i] = 0 THEN
                DELETE FROM comment_votes cv WHERE cv.comment_id = comment_ids[i] AND cv.person_id = person_ids[i];
            ELSE
                INSERT INTO comment_votes AS cv (comment_id, person_id, post_id, score, ap_id)
                VALUES (comment_ids[i], person_ids[i], v.post_id, scores[i], nullif(ap, ''))
                ON CONFLICT (comment_id, person_id) DO UPDATE SET score = excluded.score, ap_id = excluded.ap_id,
                    published = CASE WHEN cv.score = excluded.score THEN cv.published ELSE now() END;
            END IF;
        ELSIF scores[i] = 0 THEN
            DELETE FROM post_votes pv WHERE pv.post_id = v.post_id AND pv.person_id = person_ids[i];
        ELSE
            INSERT INTO post_votes AS pv (post_id, person_id, score, ap_id)
            VALUES (v.post_id, person_ids[i], scores[i], nullif(ap, ''))
            ON CONFLICT (post_id, person_id) DO UPDATE SET score = excluded.score, ap_id = excluded.ap_id,
                published = CASE WHEN pv.score = excluded.score THEN pv.published ELSE now() END;
        END IF;
        outcome := 'applied';
        community_id := v.community_id;
        community_ap_id := v.community_ap_id;
        community_local := v.community_local;
        community_followed := v.community_followed;
        RETURN NEXT;
    END LOOP;
END $$;
