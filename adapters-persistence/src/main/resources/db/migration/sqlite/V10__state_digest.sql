-- The state digest of each group, kept as batches change entities (see StateDigest): the sum, as 64 hex digits.
-- Existing groups get theirs when the refold under rules version 2 runs at start.
CREATE TABLE state_digests (
    group_id   TEXT PRIMARY KEY,
    digest_sum TEXT NOT NULL
);
