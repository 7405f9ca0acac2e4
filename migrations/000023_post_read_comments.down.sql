ALTER TABLE post_reads DROP COLUMN read_comments;
