-- Mesh sync: groups, peers with their tokens and cursors, quarantined events, learned origin keys.
CREATE TABLE sync_groups (
    group_id          TEXT    PRIMARY KEY,
    hive_name         TEXT    NOT NULL UNIQUE,
    owner_instance_id TEXT    NOT NULL,
    consent           TEXT    NOT NULL,
    method            TEXT    NOT NULL,
    lineage           TEXT    NOT NULL,
    created_at        BIGINT  NOT NULL
);

CREATE TABLE peers (
    peer_id              TEXT    PRIMARY KEY,
    name                 TEXT    NOT NULL,
    sync_endpoint        TEXT    NOT NULL UNIQUE,
    instance_id          TEXT    UNIQUE,
    signing_key          TEXT,
    outbound_token       TEXT,
    source               TEXT    NOT NULL,
    status               TEXT    NOT NULL,
    consecutive_failures BIGINT  NOT NULL,
    last_seen            BIGINT,
    last_error           TEXT,
    shared_hives         TEXT    NOT NULL,
    created_at           BIGINT  NOT NULL
);

CREATE TABLE peer_tokens (
    token_hash TEXT    PRIMARY KEY,
    peer_id    TEXT    NOT NULL REFERENCES peers (peer_id) ON DELETE CASCADE,
    created_at BIGINT  NOT NULL
);

CREATE TABLE peer_groups (
    peer_id           TEXT    NOT NULL REFERENCES peers (peer_id) ON DELETE CASCADE,
    group_id          TEXT    NOT NULL,
    last_seq_sent     BIGINT  NOT NULL,
    last_seq_received BIGINT  NOT NULL,
    remote_seq        BIGINT  NOT NULL,
    last_sync         BIGINT,
    PRIMARY KEY (peer_id, group_id)
);
CREATE INDEX peer_groups_group ON peer_groups (group_id);

CREATE TABLE quarantine (
    id       TEXT    PRIMARY KEY,
    group_id TEXT    NOT NULL,
    event_id TEXT,
    peer_id  TEXT    NOT NULL,
    reason   TEXT    NOT NULL,
    event    TEXT    NOT NULL,
    at       BIGINT  NOT NULL
);
CREATE INDEX quarantine_group ON quarantine (group_id, at);

CREATE TABLE instance_keys (
    instance_id TEXT PRIMARY KEY,
    signing_key TEXT NOT NULL
);
