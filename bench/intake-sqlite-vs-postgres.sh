#!/usr/bin/env bash
# Intake beside ping on one Release silo, fresh store: bench/intake-sqlite-vs-postgres.sh sqlite|postgres (bench/README.md §6).
# SILO_ENV="NAME=value ..." passes environment variables to the silo only (GC settings, say).
# Needs PostgreSQL running with the role supplygrains (development password, as .ci/run creates it) for "postgres".
# PG_OPTIONS="-c name=value ..." adds startup options to the silo's PostgreSQL connections (after the store's own).
set -u
cd "$(dirname "$0")/.."
if [ "$1" = postgres ]; then
  su postgres -c "psql -q -c 'DROP DATABASE IF EXISTS sg_bench WITH (FORCE)' -c 'CREATE DATABASE sg_bench OWNER supplygrains'"
  ops/sql/postgresql/apply.sh "postgresql://supplygrains:dev-supplygrains@127.0.0.1:5432/sg_bench" >/dev/null
  # The server as ops/README.md recommends for the cluster profile: backends (autovacuum's too) start writing their
  # pages out every 256 kB, so commits do not wait behind bursts of them (bench/README.md §6).
  su postgres -c "psql -q -c \"ALTER SYSTEM SET backend_flush_after = '256kB'\" -c 'SELECT pg_reload_conf()'" >/dev/null
  # A minute timed at the target rate, so the p99 takes in the checkpoints and autovacuum a longer run would meet.
  export BENCH_PACED_SECONDS=${BENCH_PACED_SECONDS:-60}
  # The cluster profile's target is 15 % of the ping rate (the embedded store's 25 %): pace at the target.
  export BENCH_PACED_PERCENT=${BENCH_PACED_PERCENT:-15}
  store=(--Storage:Provider=Postgres "--ConnectionStrings:Postgres=Host=127.0.0.1;Username=supplygrains;Password=dev-supplygrains;Database=sg_bench;Maximum Pool Size=30${PG_OPTIONS:+;Options=$PG_OPTIONS}")
else
  rm -f /tmp/intake-bench.db*
  store=(--Storage:Path=/tmp/intake-bench.db)
fi
env ${SILO_ENV:-} dotnet run -c Release --no-build --project src/SupplyGrains.Silo -- --urls http://127.0.0.1:5055 "${store[@]}" --Orleans:SiloPort=11211 --Orleans:GatewayPort=30200 --Metrics:ScrapeCacheMilliseconds=0 > /tmp/bench-silo-$1.log 2>&1 &
for i in $(seq 1 120); do curl -sf http://127.0.0.1:5055/health/ready >/dev/null && break; sleep 1; done
echo "store=$1 load before: $(uptime)"
BENCH_MODE=intake BENCH_ROUNDS=3 BENCH_WARMUP_SECONDS=20 BENCH_SILO_PID=$(pgrep -f 'SupplyGrains.Silo --urls http://127.0.0.1:5055') \
  dotnet run -c Release --no-build --project bench/SupplyGrains.HttpBench -- 1000 http://127.0.0.1:5055
echo "store=$1 load after: $(uptime)"
if [ "$1" = postgres ]; then su postgres -c "psql -At -c \"select application_name, count(*) from pg_stat_activity where datname='sg_bench' group by 1\""; fi
pkill -f 'SupplyGrains.Silo --urls http://127.0.0.1:5055'; sleep 2
