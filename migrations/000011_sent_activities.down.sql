-- Reverses 000011: sent activities are no longer kept to be fetched.
DROP TABLE sent_activities;
