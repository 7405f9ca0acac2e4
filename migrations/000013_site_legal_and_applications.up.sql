-- Admins run the site from its pages now: the rules and legal text shown
-- at /legal, and the decisions on sign-up applications.
ALTER TABLE site ADD COLUMN legal text NOT NULL DEFAULT '' CHECK (char_length(legal) <= 50000);

-- A denial's reason is an admin's reason, held to the moderation log's
-- limit; it exists only with the decision it explains.
ALTER TABLE registration_applications
    ADD CONSTRAINT registration_applications_deny_reason_check
        CHECK (deny_reason IS NULL OR (char_length(deny_reason) BETWEEN 1 AND 1000 AND decided_at IS NOT NULL));

-- Every admin page counts the applications that wait, and the queue
-- lists them oldest first.
CREATE INDEX registration_applications_pending_idx ON registration_applications (id) WHERE decided_at IS NULL;
