-- Governed (roster) groups: who is on the roster, merge plans with their approval rounds, and notifications to send.
CREATE TABLE roster (
    group_id    TEXT    NOT NULL,
    instance_id TEXT    NOT NULL,
    state       TEXT    NOT NULL,
    since       BIGINT  NOT NULL,
    PRIMARY KEY (group_id, instance_id)
);

CREATE TABLE merge_plans (
    plan_id          TEXT    PRIMARY KEY,
    group_id         TEXT    NOT NULL,
    peer_instance_id TEXT    NOT NULL,
    kind             TEXT    NOT NULL,
    plan             TEXT    NOT NULL,
    record           TEXT    NOT NULL,
    status           TEXT    NOT NULL,
    created_at       BIGINT  NOT NULL
);
CREATE INDEX merge_plans_group ON merge_plans (group_id, status);

CREATE TABLE notifications (
    id         TEXT    PRIMARY KEY,
    group_id   TEXT    NOT NULL,
    recipient  TEXT    NOT NULL,
    message    TEXT    NOT NULL,
    created_at BIGINT  NOT NULL,
    delivered  BIGINT  NOT NULL
);
