-- The instance itself and every other instance we have heard of.

CREATE TABLE instances (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- host[:port], lower case, exactly as it appears in the instance's ids.
    domain        text        NOT NULL UNIQUE CHECK (domain = lower(domain) AND domain <> ''),
    software      text,
    version       text,
    first_seen_at timestamptz NOT NULL DEFAULT now(),
    last_seen_at  timestamptz NOT NULL DEFAULT now(),
    -- An admin's decision: blocked instances are refused in both directions;
    -- allowed matters only when the site federates in allow-list mode.
    blocked       boolean     NOT NULL DEFAULT false,
    allowed       boolean     NOT NULL DEFAULT false,
    CHECK (NOT (blocked AND allowed))
);

-- Exactly one row: the site's settings and the keys of its Application actor.
CREATE TABLE site (
    id                   smallint    PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    name                 text        NOT NULL DEFAULT 'Tidings' CHECK (char_length(name) BETWEEN 1 AND 100),
    description          text        NOT NULL DEFAULT '' CHECK (char_length(description) <= 10000),
    -- open: anyone may sign up; closed: only admins create accounts;
    -- require_approval: a new account waits for an admin to accept its application.
    registration_mode    text        NOT NULL DEFAULT 'require_approval'
                         CHECK (registration_mode IN ('open', 'closed', 'require_approval')),
    application_question text        NOT NULL DEFAULT '',
    -- allow_list: federate only with instances marked allowed.
    federation_mode      text        NOT NULL DEFAULT 'open' CHECK (federation_mode IN ('open', 'allow_list')),
    -- TIDINGS_HOST when the site was first started: every stored id contains
    -- it, so the server refuses to start under another host.
    host                 text,
    public_key_pem       text,
    private_key_pem      text,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    CHECK ((public_key_pem IS NULL) = (private_key_pem IS NULL))
);

INSERT INTO site (id) VALUES (1);
