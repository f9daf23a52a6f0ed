#!/usr/bin/env bash
# How long a product line's allocation book takes to be read back: bench/book-activation.sh sqlite|postgres ORDERS [RESTARTS]
# (bench/README.md §7). Loads a book of ORDERS orders into a fresh store through the API, stops the silo, then
# RESTARTS times (3) starts a silo on that store, warms it on an empty product line, and times the first call to the
# book's grain (its activation reads every page) and a second one (already active). SILO_DIRS="dirA dirB" alternates the silo between two checkouts,
# each built with `dotnet build -c Release src/SupplyGrains.Silo`, on the same store (the load uses the first).
# BOOK=<product line> skips the load and times the book an earlier run left in the store (RESTARTS=0 only loads).
# Needs PostgreSQL running with the role supplygrains (development password, as .ci/run creates it) for "postgres".
set -eu
cd "$(dirname "$0")/.."
store=$1 orders=$2 restarts=${3:-3}
dirs=(${SILO_DIRS:-$PWD})
url=http://127.0.0.1:5056
fresh=${BOOK:-yes}
if [ "$store" = postgres ]; then
  [ "$fresh" = yes ] && su postgres -c "psql -q -c 'DROP DATABASE IF EXISTS sg_book WITH (FORCE)' -c 'CREATE DATABASE sg_book OWNER supplygrains'"
  [ "$fresh" = yes ] && ops/sql/postgresql/apply.sh "postgresql://supplygrains:dev-supplygrains@127.0.0.1:5432/sg_book" >/dev/null
  args=(--Storage:Provider=Postgres "--ConnectionStrings:Postgres=Host=127.0.0.1;Username=supplygrains;Password=dev-supplygrains;Database=sg_book;Maximum Pool Size=30")
else
  [ "$fresh" = yes ] && rm -f /tmp/book-bench.db*
  args=(--Storage:Path=/tmp/book-bench.db)
fi

start() { # $1: checkout
  (cd "$1" && exec dotnet run -c Release --no-build --project src/SupplyGrains.Silo -- --urls $url "${args[@]}" --Orleans:SiloPort=11212 --Orleans:GatewayPort=30201 --Metrics:ScrapeCacheMilliseconds=0) >> /tmp/book-bench-silo.log 2>&1 &
  for _ in $(seq 1 120); do curl -sf $url/health/ready >/dev/null && return; sleep 1; done
  echo "silo did not get ready: /tmp/book-bench-silo.log" >&2; exit 1
}
allocated() { curl -sf $url/metrics | awk '/^dotnet_gc_heap_total_allocated_bytes_total/ {print $2}'; }
stop() { pkill -TERM -f "SupplyGrains.Silo --urls $url" || true; while pgrep -f "SupplyGrains.Silo --urls $url" >/dev/null; do sleep 0.5; done; }

: > /tmp/book-bench-silo.log
line=${BOOK:-}
if [ "$fresh" = yes ]; then
  start "${dirs[0]}"
  line=$(BENCH_MODE=load dotnet run -c Release --no-build --project bench/SupplyGrains.HttpBench -- "$orders" $url | tee /dev/stderr | sed -n 's/.*product line \(.*\)$/\1/p')
  stop
fi
[ "$store" = postgres ] && echo "pages on file: $(su postgres -c "psql -At -d sg_book -c \"select count(*), pg_size_pretty(sum(pg_column_size(payload))) from supplygrains_grain_state where state_name like 'allocation-book-%'\"")"
for i in $(seq 1 "$restarts"); do
  for dir in "${dirs[@]}"; do
    start "$dir"
    # The request path and the grain's activation compiled first, on a product line with no book: what is timed is the book.
    curl -sf -o /dev/null -H 'X-Api-Key: dev-admin' "$url/api/allocation-runs?productLine=warm-up-line"
    before=$(allocated)
    first=$(curl -sf -o /dev/null -w '%{time_total}' -H 'X-Api-Key: dev-admin' "$url/api/allocation-runs?productLine=$line")
    second=$(curl -sf -o /dev/null -w '%{time_total}' -H 'X-Api-Key: dev-admin' "$url/api/allocation-runs?productLine=$line")
    loaded=$(( ($(allocated) - before) / 1048576 ))
    rss=$(awk '/VmRSS/ {print int($2 / 1024)}' /proc/"$(pgrep -f "SupplyGrains.Silo --urls $url" | head -1)"/status)
    heap=$(curl -sf $url/metrics | awk '/^dotnet_gc_last_collection_heap_size_bytes/ {sum += $2} END {print int(sum / 1048576)}')
    echo "store=$store orders=$orders silo=$dir: first call (reads the book) ${first} s, second ${second} s; allocated ${loaded} MB reading it; resident ${rss} MB, heap after the last collection ${heap} MB"
    stop
  done
done
