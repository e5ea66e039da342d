-- Per-group merge cadence of this instance (continuous is the default and needs no row).
CREATE TABLE cadence (
    group_id   TEXT    PRIMARY KEY,
    mode       TEXT    NOT NULL,
    nightly_at TEXT    NOT NULL,
    last_round INTEGER,
    opened_at  INTEGER,
    last_read  INTEGER
);
