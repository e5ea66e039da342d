-- hivemesh schema for SQLite. Times are epoch milliseconds; *_hash columns hold SHA-256 hex.
CREATE TABLE instance_identity (
    singleton   INTEGER PRIMARY KEY CHECK (singleton = 1),
    instance_id TEXT    NOT NULL,
    public_key  TEXT    NOT NULL,
    private_key TEXT    NOT NULL
);

CREATE TABLE hives (
    name              TEXT    PRIMARY KEY,
    group_id          TEXT    NOT NULL UNIQUE,
    owner_instance_id TEXT    NOT NULL,
    owner_agent_id    TEXT    NOT NULL,
    created_at        INTEGER NOT NULL
);

CREATE TABLE group_seq (
    group_id TEXT    PRIMARY KEY,
    last_seq INTEGER NOT NULL
);

CREATE TABLE events (
    group_id    TEXT    NOT NULL,
    seq         INTEGER NOT NULL,
    event_id    TEXT    NOT NULL,
    event_type  TEXT    NOT NULL,
    origin      TEXT    NOT NULL,
    hlc         TEXT    NOT NULL,
    payload     TEXT    NOT NULL,
    signature   TEXT    NOT NULL,
    received_at INTEGER NOT NULL,
    PRIMARY KEY (group_id, seq),
    UNIQUE (group_id, event_id)
);
CREATE INDEX events_hlc ON events (hlc);

CREATE TABLE posts (
    group_id           TEXT    NOT NULL,
    post_id            TEXT    NOT NULL,
    created            INTEGER NOT NULL,
    created_hlc        TEXT,
    deleted            INTEGER NOT NULL,
    state              TEXT    NOT NULL,
    PRIMARY KEY (group_id, post_id)
);
CREATE INDEX posts_new ON posts (group_id, created_hlc);

CREATE TABLE comments (
    group_id          TEXT    NOT NULL,
    comment_id        TEXT    NOT NULL,
    post_id           TEXT,
    parent_comment_id TEXT,
    path              TEXT,
    deleted           INTEGER NOT NULL,
    state             TEXT    NOT NULL,
    PRIMARY KEY (group_id, comment_id)
);
CREATE INDEX comments_post ON comments (group_id, post_id);
CREATE INDEX comments_parent ON comments (group_id, parent_comment_id);

CREATE TABLE votes (
    group_id    TEXT    NOT NULL,
    vote_key    TEXT    NOT NULL,
    target_type TEXT    NOT NULL,
    target_id   TEXT    NOT NULL,
    value       INTEGER NOT NULL,
    state       TEXT    NOT NULL,
    PRIMARY KEY (group_id, vote_key)
);

CREATE TABLE scores (
    group_id    TEXT    NOT NULL,
    target_type TEXT    NOT NULL,
    target_id   TEXT    NOT NULL,
    score       INTEGER NOT NULL,
    PRIMARY KEY (group_id, target_type, target_id)
);

CREATE TABLE settings (
    group_id    TEXT NOT NULL,
    setting_key TEXT NOT NULL,
    value       TEXT NOT NULL,
    state       TEXT NOT NULL,
    PRIMARY KEY (group_id, setting_key)
);

CREATE TABLE members (
    group_id  TEXT NOT NULL,
    agent_key TEXT NOT NULL,
    action    TEXT NOT NULL,
    state     TEXT NOT NULL,
    PRIMARY KEY (group_id, agent_key)
);

CREATE TABLE moderators (
    group_id  TEXT NOT NULL,
    agent_key TEXT NOT NULL,
    action    TEXT NOT NULL,
    state     TEXT NOT NULL,
    PRIMARY KEY (group_id, agent_key)
);

CREATE TABLE decisions (
    group_id    TEXT NOT NULL,
    decision_id TEXT NOT NULL,
    topic       TEXT NOT NULL,
    choice      TEXT NOT NULL,
    author_key  TEXT NOT NULL,
    state       TEXT NOT NULL,
    PRIMARY KEY (group_id, decision_id)
);
CREATE INDEX decisions_topic ON decisions (group_id, topic);

CREATE TABLE decision_reviews (
    group_id    TEXT NOT NULL,
    conflict_id TEXT NOT NULL,
    state       TEXT NOT NULL,
    PRIMARY KEY (group_id, conflict_id)
);

CREATE TABLE conflicts (
    group_id    TEXT    NOT NULL,
    conflict_id TEXT    NOT NULL,
    topic       TEXT    NOT NULL,
    decision_a  TEXT    NOT NULL,
    decision_b  TEXT    NOT NULL,
    resolved    INTEGER NOT NULL,
    PRIMARY KEY (group_id, conflict_id)
);

CREATE TABLE agents (
    agent_id     TEXT    PRIMARY KEY,
    name         TEXT    NOT NULL,
    api_key_hash TEXT    NOT NULL UNIQUE,
    created_at   INTEGER NOT NULL
);

CREATE TABLE sessions (
    token_hash TEXT    PRIMARY KEY,
    agent_id   TEXT    NOT NULL REFERENCES agents (agent_id),
    scope      TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);

CREATE TABLE audit_log (
    id       TEXT    PRIMARY KEY,
    at       INTEGER NOT NULL,
    action   TEXT    NOT NULL,
    group_id TEXT,
    actor    TEXT    NOT NULL,
    details  TEXT    NOT NULL
);
CREATE INDEX audit_log_group ON audit_log (group_id, at);
