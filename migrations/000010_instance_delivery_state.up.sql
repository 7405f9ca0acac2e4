-- What deliveries to each instance have lately done, so that an instance
-- that has been down for days is no longer tried (and an admin sees it),
-- and so that it comes back as soon as we hear from it.
ALTER TABLE instances
    -- The last delivery this instance accepted (2xx).
    ADD COLUMN last_success_at timestamptz,
    -- The first failed delivery (network error or 5xx) since the last
    -- success or sign of life; NULL while the instance answers.
    ADD COLUMN failing_since   timestamptz,
    -- Failing for so long that deliveries are given up without being tried,
    -- until the instance is heard from again or an admin retries it.
    ADD COLUMN dead            boolean NOT NULL DEFAULT false,
    -- When an admin last asked for this instance's deliveries to be tried
    -- again: a delivery's age, after which it is given up, counts from then
    -- for jobs queued before.
    ADD COLUMN retried_at      timestamptz,
    ADD CHECK (NOT dead OR failing_since IS NOT NULL);
