-- /readyz writes a few pages here in a transaction it rolls back: the table stays empty.
CREATE TABLE store_probe (
    payload BYTEA NOT NULL
);
