-- Reverses 000017: notifications and the setting about bots' go.
ALTER TABLE local_users DROP COLUMN hide_bot_notifications;
DROP TABLE notifications;
