-- Trouble with a peer in one hive (a join waiting for approval or turned down, a hive the peer refuses), kept per
-- (peer, hive) so that it never stalls the other hives shared with that peer.
CREATE TABLE hive_sync_state (
    peer_id      TEXT    NOT NULL,
    hive_name    TEXT    NOT NULL,
    kind         TEXT    NOT NULL,
    plan_id      TEXT,
    detail       TEXT    NOT NULL,
    failures     INTEGER NOT NULL,
    since        BIGINT  NOT NULL,
    next_attempt BIGINT  NOT NULL,
    PRIMARY KEY (peer_id, hive_name)
);
