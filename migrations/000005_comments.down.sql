ALTER TABLE mod_actions DROP COLUMN comment_id;
DROP TABLE comments;
DROP FUNCTION comments_count_on_post();
