-- Email for accounts: verified addresses, single-use links for verifying
-- an address and for resetting a forgotten password, the site's choice to
-- require a verified address at sign-up, and a person's choice to be
-- mailed their replies and messages.

ALTER TABLE local_users
    ADD COLUMN email_verified boolean NOT NULL DEFAULT false,
    -- Set at a sign-up made while the site required verification, cleared
    -- once the address is verified: only such an account is kept from
    -- logging in, never one that predates the requirement.
    ADD COLUMN awaiting_verification boolean NOT NULL DEFAULT false,
    ADD COLUMN email_notifications boolean NOT NULL DEFAULT false,
    ADD CONSTRAINT local_users_email_length CHECK (char_length(email) <= 254);

-- Addresses are compared without regard to case, as mail servers do.
CREATE UNIQUE INDEX local_users_email_lower_key ON local_users (lower(email));

ALTER TABLE site ADD COLUMN require_email_verification boolean NOT NULL DEFAULT false;

-- A link mailed to a person. Only a SHA-256 hash of its token is kept, so
-- a leaked database gives no working link; used_at makes it single-use.
CREATE TABLE email_tokens (
    token_hash bytea       PRIMARY KEY CHECK (octet_length(token_hash) = 32),
    person_id  bigint      NOT NULL REFERENCES local_users (person_id) ON DELETE CASCADE,
    purpose    text        NOT NULL CHECK (purpose IN ('verify_email', 'reset_password')),
    -- The address it was sent to: a verification confirms this one, even
    -- if the account's address changed since.
    email      text        NOT NULL CHECK (char_length(email) <= 254),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);
CREATE INDEX email_tokens_person_idx ON email_tokens (person_id, purpose);
CREATE INDEX email_tokens_expires_idx ON email_tokens (expires_at);
