DROP TABLE community_bans;
DROP TABLE community_follows;
DROP TABLE community_moderators;
DROP TABLE communities;
