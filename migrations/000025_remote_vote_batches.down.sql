DROP FUNCTION apply_remote_votes(text[], bigint[], bigint[], bigint[], int[], text[]);
DROP FUNCTION vote_check(bigint, bigint, bigint);
