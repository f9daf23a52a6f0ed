-- SupplyGrains' grain state (SupplyGrains.Grains.Storage.PostgresGrainStorage): the same record as the embedded
-- SQLite store, written in group-committed batches by one writer per silo.
CREATE TABLE IF NOT EXISTS supplygrains_grain_state (
    state_name text        NOT NULL,
    grain_id   text        NOT NULL,
    grain_type text        NOT NULL,
    etag       bigint      NOT NULL,
    payload    bytea       NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (state_name, grain_id)
);

-- ETags come from one sequence for the whole cluster, so they never repeat: not across silos, and not for a record
-- cleared and written again (an activation still holding the old record's ETag must not match its successor).
CREATE SEQUENCE IF NOT EXISTS supplygrains_grain_state_etag AS bigint CACHE 1000;
