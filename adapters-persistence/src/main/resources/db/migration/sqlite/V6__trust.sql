-- Trust: which entity each event touches and which agent acted (the authority rules look events up by both),
-- events kept without effect, events held until their clock is due, quarantine by count with the latest reasons
-- only, expiring sync tokens, execute grants. Tables nothing reads (conflicts, comments.path) are dropped.
ALTER TABLE events ADD COLUMN entity_key TEXT;
ALTER TABLE events ADD COLUMN actor_key TEXT;
CREATE INDEX events_entity ON events (group_id, entity_key);
CREATE INDEX events_actor ON events (group_id, actor_key);

CREATE TABLE refused_events (
    group_id   TEXT NOT NULL,
    event_id   TEXT NOT NULL,
    entity_key TEXT NOT NULL,
    rule       TEXT NOT NULL,
    PRIMARY KEY (group_id, event_id)
);
CREATE INDEX refused_entity ON refused_events (group_id, entity_key);

CREATE TABLE deferred_events (
    group_id    TEXT   NOT NULL,
    event_id    TEXT   NOT NULL,
    peer_id     TEXT   NOT NULL,
    event       TEXT   NOT NULL,
    origin_key  TEXT   NOT NULL,
    due_at      BIGINT NOT NULL,
    received_at BIGINT NOT NULL,
    PRIMARY KEY (group_id, event_id)
);
CREATE INDEX deferred_due ON deferred_events (due_at);
CREATE INDEX deferred_peer ON deferred_events (group_id, peer_id);

CREATE TABLE quarantine_counts (
    group_id TEXT   PRIMARY KEY,
    count    BIGINT NOT NULL
);
INSERT INTO quarantine_counts (group_id, count) SELECT group_id, COUNT(*) FROM quarantine GROUP BY group_id;
ALTER TABLE quarantine DROP COLUMN event;
CREATE INDEX quarantine_peer ON quarantine (group_id, peer_id, at);

ALTER TABLE peer_tokens ADD COLUMN expires_at BIGINT;
UPDATE peer_tokens SET expires_at = created_at + 2592000000;

ALTER TABLE agents ADD COLUMN may_execute INTEGER NOT NULL DEFAULT 0;

DROP TABLE conflicts;
ALTER TABLE comments DROP COLUMN path;

-- The version of the rules the stored state was materialized with; a start with an older one refolds it.
CREATE TABLE materialization (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    rules     INTEGER NOT NULL
);
