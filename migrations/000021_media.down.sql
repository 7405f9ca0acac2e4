-- media: the stored files stay in the media storage; only their records go.
ALTER TABLE site DROP COLUMN image_max_pixels;
ALTER TABLE site DROP COLUMN image_max_bytes;
DROP TABLE images;
