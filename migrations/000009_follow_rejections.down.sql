-- Reverses 000009: a rejected follow is simply no follow.
DELETE FROM community_follows WHERE state = 'rejected';
ALTER TABLE community_follows DROP CONSTRAINT community_follows_state_check;
ALTER TABLE community_follows ADD CONSTRAINT community_follows_state_check
    CHECK (state IN ('pending', 'accepted'));
