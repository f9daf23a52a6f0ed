#!/usr/bin/env bash
# Creates or updates the SupplyGrains schema in one PostgreSQL database: the Orleans query table, cluster membership,
# and grain state. Every script is idempotent, so running this again (after an upgrade, or by mistake) is safe.
#   ops/sql/postgresql/apply.sh "postgresql://supplygrains:PASSWORD@db:5432/supplygrains"
# (any libpq connection string or URI; without an argument psql's PG* environment variables decide).
set -euo pipefail
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"  # no "already exists, skipping" notices on a re-run
here="$(cd "$(dirname "$0")" && pwd)"
for script in "$here"/[0-9][0-9]-*.sql; do
  psql ${1:+"$1"} --no-psqlrc --quiet -v ON_ERROR_STOP=1 --single-transaction -f "$script"
done
echo "schema applied: $(ls "$here"/[0-9][0-9]-*.sql | xargs -n1 basename | tr '\n' ' ')"
