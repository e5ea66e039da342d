-- Discovery: how each peer was learned, the hub role's swarm registry, and this instance's hub registration.
ALTER TABLE peers ADD COLUMN learned_ttl BIGINT  NOT NULL DEFAULT 0;
ALTER TABLE peers ADD COLUMN discovered_via TEXT NOT NULL DEFAULT 'admin';

CREATE TABLE hub_registration_keys (
    key_hash   TEXT    PRIMARY KEY,
    created_at BIGINT  NOT NULL
);

CREATE TABLE hub_swarms (
    swarm_id       TEXT    PRIMARY KEY,
    name           TEXT    NOT NULL,
    instance_id    TEXT    NOT NULL UNIQUE,
    signing_key    TEXT    NOT NULL,
    sync_endpoint  TEXT    NOT NULL,
    capabilities   TEXT    NOT NULL,
    token_hash     TEXT    NOT NULL UNIQUE,
    registered_at  BIGINT  NOT NULL,
    last_heartbeat BIGINT  NOT NULL
);

CREATE TABLE hub_memberships (
    swarm_id  TEXT    NOT NULL REFERENCES hub_swarms (swarm_id) ON DELETE CASCADE,
    hive_name TEXT    NOT NULL,
    joined_at BIGINT  NOT NULL,
    PRIMARY KEY (swarm_id, hive_name)
);
CREATE INDEX hub_memberships_hive ON hub_memberships (hive_name);

CREATE TABLE hub_client (
    hub_url    TEXT    PRIMARY KEY,
    swarm_id   TEXT    NOT NULL,
    token      TEXT    NOT NULL
);
