-- remote_images: the stored copies stay as images; only the addresses go.
ALTER TABLE site DROP COLUMN image_mode;
DROP TABLE remote_images;
