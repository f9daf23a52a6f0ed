-- SupplyGrains' grain state (SupplyGrains.Grains.Storage.PostgresGrainStorage): the same record as the embedded
-- SQLite store, written in group-committed batches by each silo's writers.
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

-- Payloads over about 2 KB (allocation book pages, run records) are compressed by TOAST on every write: lz4 costs a
-- fraction of the default pglz's CPU at about the same size (pglz was a tenth of PostgreSQL's CPU on order intake,
-- bench/README.md §5). Needs PostgreSQL 14 or later built with lz4, as Debian's and the official images are; a
-- server without it keeps pglz. Applies to values written from now on.
DO $$
BEGIN
    ALTER TABLE supplygrains_grain_state ALTER COLUMN payload SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
    RAISE NOTICE 'lz4 is not available on this server: grain state payloads stay compressed with pglz';
END
$$;
