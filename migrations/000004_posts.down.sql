DROP TABLE mod_actions;
DROP TABLE posts;
DROP FUNCTION posts_before_insert();
DROP FUNCTION rank_controversy(integer, integer);
DROP FUNCTION rank_age(timestamptz);
DROP FUNCTION rank_votes(integer);
