-- Reverses 000013; the legal text goes with it.
DROP INDEX registration_applications_pending_idx;
ALTER TABLE registration_applications DROP CONSTRAINT registration_applications_deny_reason_check;
ALTER TABLE site DROP COLUMN legal;
