-- How many comments a post had when its reader last opened it, so that
-- the apps' "unread comments" is exact (Lemmy's read_comments). Posts
-- read before this count as read with the comments they have now: that
-- is the nearest guess, and it errs towards saying nothing is new.
ALTER TABLE post_reads ADD COLUMN read_comments integer NOT NULL DEFAULT 0;
UPDATE post_reads r SET read_comments = p.comments FROM posts p WHERE p.id = r.post_id;
