-- Pictures that live on other servers: link previews' images, remote
-- posts' thumbnails, remote people's avatars and banners, remote
-- communities' icons and banners. Each address seen is one row; once
-- fetched and re-encoded it names the stored copy, so our pages show it
-- from our own address, and a server going away does not blank them.
CREATE TABLE remote_images (
    url        text        PRIMARY KEY CHECK (url ~ '^https?://' AND length(url) <= 2000),
    -- what it was first seen as, for the stored copy's record
    purpose    text        NOT NULL CHECK (purpose IN ('avatar', 'banner', 'community_icon',
                                                       'community_banner', 'post')),
    -- the stored copy; NULL while waiting to be fetched, when refused,
    -- and when an admin purged it (which must not fetch it again)
    image_id   bigint      REFERENCES images (id) ON DELETE SET NULL,
    -- set once it was tried for good: stored, or refused for refused's reason
    fetched_at timestamptz,
    refused    text,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX remote_images_image_idx ON remote_images (image_id);

-- How other servers' pictures reach readers, as Lemmy's image_mode:
-- store (fetched once, kept and served here), proxy (fetched when first
-- shown, then kept and served here) or link (the origin's address).
ALTER TABLE site ADD COLUMN image_mode text NOT NULL DEFAULT 'store'
    CHECK (image_mode IN ('store', 'proxy', 'link'));
