-- Reverses 000019: saved things, a person's own blocks and reading
-- preferences go; nothing else refers to them.
ALTER TABLE local_users
    DROP COLUMN discussion_languages,
    DROP COLUMN blur_nsfw,
    DROP COLUMN show_bot_accounts,
    DROP COLUMN show_scores,
    DROP COLUMN show_read_posts;
DROP TABLE post_reads;
DROP TABLE instance_blocks;
DROP TABLE community_blocks;
DROP TABLE person_blocks;
DROP TABLE saved_comments;
DROP TABLE saved_posts;
