-- Each group's oversight policy (its triggers and who oversees), as the JSON of the admin API. A group without a row
-- predates per-group policies and follows the instance's configuration.
CREATE TABLE group_oversight (
    group_id TEXT NOT NULL PRIMARY KEY,
    policy   TEXT NOT NULL
);
