-- The roster and owner of each group as its roster events fold to (RosterRules): one entity per group, beside the
-- other materialized entities and counted in the state digest. Groups without roster events have no row.
CREATE TABLE group_rosters (
    group_id   TEXT NOT NULL,
    roster_key TEXT NOT NULL,
    state      TEXT NOT NULL,
    PRIMARY KEY (group_id, roster_key)
);
