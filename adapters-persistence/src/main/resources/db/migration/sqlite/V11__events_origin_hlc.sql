-- A restored instance asks its peers for its own events after the latest it still has (CatchUp).
CREATE INDEX events_origin_hlc ON events (group_id, origin, hlc);
