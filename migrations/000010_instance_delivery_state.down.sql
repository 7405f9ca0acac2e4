-- Reverses 000010: deliveries no longer track their instances' health.
ALTER TABLE instances
    DROP COLUMN last_success_at,
    DROP COLUMN failing_since,
    DROP COLUMN dead,
    DROP COLUMN retried_at;
