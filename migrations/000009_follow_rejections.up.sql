-- A remote community may answer our Follow with Reject: the subscription
-- then ends, and the person is told, so the row stays with this state.
ALTER TABLE community_follows DROP CONSTRAINT community_follows_state_check;
ALTER TABLE community_follows ADD CONSTRAINT community_follows_state_check
    CHECK (state IN ('pending', 'accepted', 'rejected'));
