-- Reverses 000015: the reports go with their tables.
DROP TABLE comment_reports;
DROP TABLE post_reports;
DROP SEQUENCE report_ids;
