-- Communities, local and remote, as ActivityPub Group actors with Lemmy's fields.
CREATE TABLE communities (
    id                         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ap_id                      text        NOT NULL UNIQUE,
    instance_id                bigint      NOT NULL REFERENCES instances (id) ON DELETE RESTRICT,
    local                      boolean     NOT NULL,
    name                       text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 255),
    title                      text        NOT NULL CHECK (char_length(title) BETWEEN 1 AND 255),
    -- Markdown source (Group.source) and its sanitized HTML (Group.summary).
    description                text        CHECK (char_length(description) <= 10000),
    description_html           text,
    icon_url                   text,
    banner_url                 text,
    nsfw                       boolean     NOT NULL DEFAULT false,
    posting_restricted_to_mods boolean     NOT NULL DEFAULT false,
    inbox_url                  text        NOT NULL,
    shared_inbox_url           text,
    outbox_url                 text,
    followers_url              text        NOT NULL,
    moderators_url             text,
    featured_url               text,
    public_key_pem             text        NOT NULL,
    private_key_pem            text,
    -- Lemmy's users_active_month: it scales the Scaled sort. Refreshed by a
    -- periodic job for local communities, taken from the Group for remote ones.
    users_active_month         integer     NOT NULL DEFAULT 0 CHECK (users_active_month >= 0),
    deleted                    boolean     NOT NULL DEFAULT false,
    removed                    boolean     NOT NULL DEFAULT false,
    published                  timestamptz NOT NULL DEFAULT now(),
    updated                    timestamptz,
    last_refreshed_at          timestamptz NOT NULL DEFAULT now(),
    CHECK (local = (private_key_pem IS NOT NULL))
);

CREATE UNIQUE INDEX communities_instance_name_key ON communities (instance_id, lower(name));
CREATE INDEX communities_local_name_idx ON communities (lower(name)) WHERE local;

CREATE TABLE community_moderators (
    community_id bigint      NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    person_id    bigint      NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    added_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (community_id, person_id)
);
CREATE INDEX community_moderators_person_idx ON community_moderators (person_id);

-- A subscription by a local user or a Follow from a remote one. pending lasts
-- until the community's instance sends Accept.
CREATE TABLE community_follows (
    community_id bigint      NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    person_id    bigint      NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    state        text        NOT NULL CHECK (state IN ('pending', 'accepted')),
    -- id of the Follow activity, which an Undo or Accept refers to.
    follow_ap_id text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (community_id, person_id)
);
CREATE INDEX community_follows_person_idx ON community_follows (person_id);

CREATE TABLE community_bans (
    community_id bigint      NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    person_id    bigint      NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    reason       text,
    expires_at   timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (community_id, person_id)
);
