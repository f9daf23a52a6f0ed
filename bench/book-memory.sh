#!/usr/bin/env bash
# What an open order holds in the silo's memory: bench/book-memory.sh (bench/README.md §5).
# A Release silo on a fresh store takes one short intake run, then a heap snapshot; a second run, a second snapshot.
# Prints the heap's growth per order the second run added, and the types that grew most.
# Needs dotnet-gcdump (dotnet tool install -g dotnet-gcdump) and python3; builds nothing (dotnet build -c Release first).
set -eu
cd "$(dirname "$0")/.."
gcdump=${GCDUMP:-$HOME/.dotnet/tools/dotnet-gcdump}
work=$(mktemp -d)
trap 'pkill -f "SupplyGrains.Silo --urls http://127.0.0.1:5056" || true; rm -rf "$work"' EXIT
dotnet run -c Release --no-build --project src/SupplyGrains.Silo -- --urls http://127.0.0.1:5056 --Storage:Path="$work/book.db" \
  --Orleans:SiloPort=11212 --Orleans:GatewayPort=30201 > "$work/silo.log" 2>&1 &
for _ in $(seq 1 120); do curl -sf http://127.0.0.1:5056/health/ready >/dev/null && break; sleep 1; done
pid=$(pgrep -f 'SupplyGrains.Silo --urls http://127.0.0.1:5056')
for snapshot in first second; do
  BENCH_MODE=intake BENCH_ROUNDS=1 BENCH_SECONDS=5 BENCH_WARMUP_SECONDS=3 BENCH_PACED_RATE=1000 BENCH_SILO_PID=$pid \
    dotnet run -c Release --no-build --project bench/SupplyGrains.HttpBench -- 1000 http://127.0.0.1:5056 | grep "orders submitted"
  "$gcdump" collect -p "$pid" -o "$work/$snapshot.gcdump" >/dev/null 2>&1
  "$gcdump" report "$work/$snapshot.gcdump" > "$work/$snapshot.txt" 2>/dev/null
done
python3 - "$work/first.txt" "$work/second.txt" <<'PY'
import re, sys
def types(path):
    # "bytes count type": bytes are per object, except in the size-bucketed rows of large arrays, where they are the total.
    found = {}
    for line in open(path):
        m = re.match(r'\s*([\d,]+)\s+([\d,]+)\s+(.*)$', line)
        if m:
            size, count, name = int(m[1].replace(',', '')), int(m[2].replace(',', '')), m[3].strip()
            found[name] = (size if '(Bytes >' in name else size * count, count)
    return found
first, second = types(sys.argv[1]), types(sys.argv[2])
entry = next(name for name in second if name.startswith('SupplyGrains.Contracts.Orders.BookEntry '))
orders = second[entry][1] - first.get(entry, (0, 0))[1]
grown = sum(v[0] for v in second.values()) - sum(v[0] for v in first.values())
print(f"book entries added: {orders}; heap grew {grown / 1e6:.1f} MB = {grown / orders:.0f} bytes per order")
rows = sorted(((second[n][0] - first.get(n, (0, 0))[0], second[n][1] - first.get(n, (0, 0))[1], n) for n in second), reverse=True)
for size, count, name in rows[:8]:
    print(f"  {size / orders:7.1f} B/order {count:9d} objects  {name[:110]}")
PY
