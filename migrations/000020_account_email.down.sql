-- Reverses 000020.
DROP TABLE email_tokens;
ALTER TABLE site DROP COLUMN require_email_verification;
DROP INDEX local_users_email_lower_key;
ALTER TABLE local_users
    DROP CONSTRAINT local_users_email_length,
    DROP COLUMN email_notifications,
    DROP COLUMN awaiting_verification,
    DROP COLUMN email_verified;
