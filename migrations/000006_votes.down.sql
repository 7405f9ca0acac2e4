DROP TABLE comment_votes;
DROP TABLE post_votes;
DROP FUNCTION votes_count();
