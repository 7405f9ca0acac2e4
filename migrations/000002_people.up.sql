-- People, local and remote, as ActivityPub Person (or Service, for bots) actors.
CREATE TABLE people (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ap_id             text        NOT NULL UNIQUE,
    instance_id       bigint      NOT NULL REFERENCES instances (id) ON DELETE RESTRICT,
    local             boolean     NOT NULL,
    -- preferredUsername; Lemmy's rule (3-20 of a-z0-9_) binds local names only,
    -- remote software allows more.
    name              text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 255),
    display_name      text        CHECK (char_length(display_name) <= 255),
    bio               text        CHECK (char_length(bio) <= 10000),
    bio_html          text,
    avatar_url        text,
    banner_url        text,
    bot               boolean     NOT NULL DEFAULT false,
    inbox_url         text        NOT NULL,
    shared_inbox_url  text,
    public_key_pem    text        NOT NULL,
    private_key_pem   text,
    banned            boolean     NOT NULL DEFAULT false,
    ban_reason        text,
    banned_at         timestamptz,
    ban_expires_at    timestamptz,
    deleted           boolean     NOT NULL DEFAULT false,
    published         timestamptz NOT NULL DEFAULT now(),
    updated           timestamptz,
    -- When we last fetched a remote actor; Lemmy refetches after a day.
    last_refreshed_at timestamptz NOT NULL DEFAULT now(),
    CHECK (local = (private_key_pem IS NOT NULL))
);

-- Names are unique per instance regardless of case, as Lemmy's are.
CREATE UNIQUE INDEX people_instance_name_key ON people (instance_id, lower(name));
CREATE INDEX people_local_name_idx ON people (lower(name)) WHERE local;

-- What only a local account has: how it logs in and what it prefers.
CREATE TABLE local_users (
    person_id          bigint      PRIMARY KEY REFERENCES people (id) ON DELETE CASCADE,
    password_hash      text        NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
    email              text        UNIQUE,
    admin              boolean     NOT NULL DEFAULT false,
    -- false while a require_approval application waits for an admin.
    accepted           boolean     NOT NULL DEFAULT true,
    show_nsfw          boolean     NOT NULL DEFAULT false,
    default_sort       text        NOT NULL DEFAULT 'hot'
                       CHECK (default_sort IN ('hot', 'active', 'scaled', 'controversial', 'new', 'old',
                                               'most_comments', 'top_day', 'top_week', 'top_month',
                                               'top_year', 'top_all')),
    default_listing    text        NOT NULL DEFAULT 'all'
                       CHECK (default_listing IN ('all', 'local', 'subscribed')),
    interface_language text        NOT NULL DEFAULT 'en',
    password_changed_at timestamptz NOT NULL DEFAULT now(),
    created_at         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE registration_applications (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    person_id   bigint      NOT NULL UNIQUE REFERENCES local_users (person_id) ON DELETE CASCADE,
    answer      text        NOT NULL CHECK (char_length(answer) <= 10000),
    admin_id    bigint      REFERENCES people (id) ON DELETE SET NULL,
    deny_reason text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    decided_at  timestamptz
);
