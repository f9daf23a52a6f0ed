-- Cluster membership for Microsoft.Orleans.Clustering.AdoNet 10.4 (invariant "Npgsql").
--
-- The provider's contract, which these statements must keep: the query keys below, the parameter names it binds
-- (@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @SuspectTimes,
-- @StartTime, @IAmAliveTime, @Version) and the column names it reads back (case does not matter to Npgsql).
-- Insert and update answer one row with one integer column, non-zero when the write happened: the provider
-- retries on zero. Each write bumps the deployment's table version only when the caller saw the current one
-- (optimistic concurrency); a silo that loses that race reads the table again.

CREATE TABLE IF NOT EXISTS orleans_membership_version (
    deploymentid varchar(150) PRIMARY KEY,
    timestamp    timestamptz(3) NOT NULL DEFAULT now(),
    version      integer        NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS orleans_membership (
    deploymentid varchar(150)   NOT NULL REFERENCES orleans_membership_version (deploymentid),
    address      varchar(45)    NOT NULL,
    port         integer        NOT NULL,
    generation   integer        NOT NULL,
    siloname     varchar(150)   NOT NULL,
    hostname     varchar(150)   NOT NULL,
    status       integer        NOT NULL,
    proxyport    integer        NOT NULL DEFAULT 0,
    suspecttimes varchar(8000)  NULL,
    starttime    timestamptz(3) NOT NULL,
    iamalivetime timestamptz(3) NOT NULL,
    PRIMARY KEY (deploymentid, address, port, generation)
);

-- Bumps the version from the one the caller read; true when it was still current. Shared by insert and update so
-- that both take the version row's lock first: concurrent writers of one deployment queue on it, never deadlock.
CREATE OR REPLACE FUNCTION supplygrains_membership_bump(deployment varchar, seen integer) RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE orleans_membership_version
       SET version = version + 1, timestamp = now()
     WHERE deploymentid = deployment AND version = seen AND version < 2147483647;
    RETURN FOUND;
END
$$;

-- A new silo's row, written only together with the version bump: a raised exception inside the block undoes the
-- bump when the row already exists, so the caller sees 0 and nothing changed.
CREATE OR REPLACE FUNCTION supplygrains_membership_insert(
    deployment varchar, silo_address varchar, silo_port integer, silo_generation integer,
    silo_name varchar, host_name varchar, silo_status integer, proxy_port integer,
    start_time timestamptz, i_am_alive timestamptz, seen integer) RETURNS integer
LANGUAGE plpgsql AS $$
BEGIN
    BEGIN
        IF NOT supplygrains_membership_bump(deployment, seen) THEN
            RETURN 0;
        END IF;
        INSERT INTO orleans_membership (deploymentid, address, port, generation, siloname, hostname, status, proxyport, starttime, iamalivetime)
        VALUES (deployment, silo_address, silo_port, silo_generation, silo_name, host_name, silo_status, COALESCE(proxy_port, 0), start_time, i_am_alive)
        ON CONFLICT DO NOTHING;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'membership row exists' USING ERRCODE = 'unique_violation';
        END IF;
        RETURN 1;
    EXCEPTION WHEN unique_violation THEN
        RETURN 0;
    END;
END
$$;

-- A silo's status and suspicions, written only together with the version bump (same undo as the insert).
CREATE OR REPLACE FUNCTION supplygrains_membership_update(
    deployment varchar, silo_address varchar, silo_port integer, silo_generation integer,
    silo_status integer, suspect_times varchar, i_am_alive timestamptz, seen integer) RETURNS integer
LANGUAGE plpgsql AS $$
BEGIN
    BEGIN
        IF NOT supplygrains_membership_bump(deployment, seen) THEN
            RETURN 0;
        END IF;
        UPDATE orleans_membership
           SET status = silo_status, suspecttimes = suspect_times, iamalivetime = GREATEST(iamalivetime, i_am_alive)
         WHERE deploymentid = deployment AND address = silo_address AND port = silo_port AND generation = silo_generation;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'no membership row' USING ERRCODE = 'no_data_found';
        END IF;
        RETURN 1;
    EXCEPTION WHEN no_data_found THEN
        RETURN 0;
    END;
END
$$;

INSERT INTO orleansquery (querykey, querytext) VALUES
('InsertMembershipVersionKey', $q$
    WITH created AS (
        INSERT INTO orleans_membership_version (deploymentid) VALUES (@DeploymentId)
        ON CONFLICT (deploymentid) DO NOTHING
        RETURNING 1)
    SELECT count(*)::integer FROM created;
$q$),
('InsertMembershipKey', $q$
    SELECT supplygrains_membership_insert(@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
        @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version);
$q$),
('UpdateMembershipKey', $q$
    SELECT supplygrains_membership_update(@DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes,
        @IAmAliveTime, @Version);
$q$),
-- Liveness heartbeats do not bump the version: they are not membership changes, and readers only compare times.
('UpdateIAmAlivetimeKey', $q$
    UPDATE orleans_membership SET iamalivetime = GREATEST(iamalivetime, @IAmAliveTime)
     WHERE deploymentid = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation;
$q$),
-- The version row always comes back, with or without silos: the provider takes the table version from it.
('MembershipReadRowKey', $q$
    SELECT v.deploymentid, m.address, m.port, m.generation, m.siloname, m.hostname, m.status, m.proxyport,
           m.suspecttimes, m.starttime, m.iamalivetime, v.version
      FROM orleans_membership_version v
      LEFT JOIN orleans_membership m
        ON m.deploymentid = v.deploymentid AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
     WHERE v.deploymentid = @DeploymentId;
$q$),
('MembershipReadAllKey', $q$
    SELECT v.deploymentid, m.address, m.port, m.generation, m.siloname, m.hostname, m.status, m.proxyport,
           m.suspecttimes, m.starttime, m.iamalivetime, v.version
      FROM orleans_membership_version v
      LEFT JOIN orleans_membership m ON m.deploymentid = v.deploymentid
     WHERE v.deploymentid = @DeploymentId;
$q$),
('DeleteMembershipTableEntriesKey', $q$
    DELETE FROM orleans_membership WHERE deploymentid = @DeploymentId;
    DELETE FROM orleans_membership_version WHERE deploymentid = @DeploymentId;
$q$),
('GatewaysQueryKey', $q$
    SELECT address, proxyport, generation FROM orleans_membership
     WHERE deploymentid = @DeploymentId AND status = @Status AND proxyport > 0;
$q$),
-- Dead silos (status 6) that stopped beating before the cut-off and that nobody still suspects.
('CleanupDefunctSiloEntriesKey', $q$
    DELETE FROM orleans_membership
     WHERE deploymentid = @DeploymentId AND status = 6 AND iamalivetime < @IAmAliveTime AND starttime < @IAmAliveTime
       AND COALESCE(suspecttimes, '') = '';
$q$),
('CleanupDefunctSiloEntryKey', $q$
    DELETE FROM orleans_membership
     WHERE deploymentid = @DeploymentId AND status = 6 AND address = @Address AND port = @Port AND generation = @Generation
       AND iamalivetime = @IAmAliveTime AND starttime = @StartTime AND COALESCE(suspecttimes, '') = COALESCE(@SuspectTimes, '');
$q$)
ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;
