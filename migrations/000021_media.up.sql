-- Uploaded images. The file itself lives in the media storage (a folder or
-- an S3 bucket) under key, a hash of its re-encoded bytes; this row says who
-- uploaded it, what it is and what it was for, so the uploader can delete
-- it and an admin purge it. Two people uploading the same picture get two
-- rows and one file, which goes only with the last row.
CREATE TABLE images (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key              text        NOT NULL CHECK (key ~ '^[0-9a-f]{32}\.(jpg|png|gif)$'),
    thumbnail_key    text        NOT NULL CHECK (thumbnail_key ~ '^[0-9a-f]{32}\.(jpg|png|gif)$'),
    -- NULL once the uploader's account is purged; the picture may still
    -- be in use, and an admin can purge it.
    uploader_id      bigint      REFERENCES people (id) ON DELETE SET NULL,
    purpose          text        NOT NULL CHECK (purpose IN ('avatar', 'banner', 'community_icon',
                                                             'community_banner', 'post', 'markdown')),
    content_type     text        NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/gif')),
    width            integer     NOT NULL CHECK (width > 0),
    height           integer     NOT NULL CHECK (height > 0),
    bytes            bigint      NOT NULL CHECK (bytes > 0),
    thumbnail_width  integer     NOT NULL CHECK (thumbnail_width > 0),
    thumbnail_height integer     NOT NULL CHECK (thumbnail_height > 0),
    created_at       timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX images_key_idx ON images (key);
CREATE INDEX images_thumbnail_key_idx ON images (thumbnail_key);
CREATE INDEX images_uploader_idx ON images (uploader_id, created_at DESC, id DESC);

-- The admin's limits on an upload: its size, and its width × height, read
-- from the file's header before it is decoded.
ALTER TABLE site ADD COLUMN image_max_bytes bigint NOT NULL DEFAULT 10485760
    CHECK (image_max_bytes BETWEEN 1024 AND 104857600);
ALTER TABLE site ADD COLUMN image_max_pixels bigint NOT NULL DEFAULT 25000000
    CHECK (image_max_pixels BETWEEN 10000 AND 100000000);
