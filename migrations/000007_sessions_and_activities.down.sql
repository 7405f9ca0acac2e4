DROP TABLE received_activities;
DROP TABLE sessions;
