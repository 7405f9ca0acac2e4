-- Reverses 000018: the messages go with their table.
DROP TABLE private_messages;
