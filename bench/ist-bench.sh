#!/usr/bin/env bash
# Benchmark of `ist` on large control-node answers (issue 2):
#   ctr route show on a 100,000-route ShowRouteResp, from --file (one document, text
#   and --format json)
#   and over HTTP from 127.0.0.1 (100 pages of 1000 routes chained by next_batch),
#   ctr route summary on a 5,000-table ShowRouteSummaryResp (--file, and 79 pages of 64);
#   both HTTP runs again with a server that takes 5 ms per page.
# Prints wall time, CPU time (user+sys), MB/s parsed per wall and per CPU second, and
# peak RSS (GNU time) for each. On a shared machine the CPU figures are the stable ones.
# Usage: bash bench/ist-bench.sh [routes] [tables]
# IST=path/to/ist measures that binary instead of building ./cmd/ist.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUTES=${1:-100000}
TABLES=${2:-5000}
W=$(mktemp -d)
trap 'kill "${SRV:-0}" 2>/dev/null || true; rm -rf "$W"' EXIT
if [ -n "${IST:-}" ]; then cp "$IST" "$W/ist"; else go build -o "$W/ist" ./cmd/ist; fi
go build -o "$W/istgen" ./bench/istgen
"$W/istgen" file -routes "$ROUTES" -o "$W/routes.xml"
"$W/istgen" summary -tables "$TABLES" -o "$W/summary.xml"

measure() { # name bytes cmd...
  local name=$1 bytes=$2; shift 2
  /usr/bin/time -f "%e %U %S %M" -o "$W/t" "$@" > "$W/out" 2> "$W/err" || { echo "$name: failed: $(cat "$W/err")"; return 1; }
  read -r wall user sys rss < "$W/t"
  awk -v n="$name" -v b="$bytes" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" -v l="$(wc -l < "$W/out")" \
    'BEGIN { c = u+s; printf "%-32s %7.1f MB %6.2f s wall %6.2f s cpu %7.1f MB/s wall %7.1f MB/s cpu %6.1f MB peak RSS %7d lines\n", n, b/1e6, w, c, (w>0 ? b/1e6/w : 0), (c>0 ? b/1e6/c : 0), r/1024, l }'
}

RB=$(stat -c %s "$W/routes.xml"); SB=$(stat -c %s "$W/summary.xml")
echo "ist benchmark: $ROUTES routes, $TABLES summary tables, $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
measure "route show -t … --file"  "$RB" "$W/ist" --file "$W/routes.xml" ctr route show -t default-domain:bench:vn0:vn0.inet.0
measure "route show -t … --file json" "$RB" "$W/ist" --file "$W/routes.xml" ctr route show --format json -t default-domain:bench:vn0:vn0.inet.0
measure "route summary --file"    "$SB" "$W/ist" --file "$W/summary.xml" ctr route summary --family all

"$W/istgen" serve -routes "$ROUTES" -tables "$TABLES" -addr 127.0.0.1:0 > "$W/addr" &
SRV=$!
for _ in $(seq 300); do [ -s "$W/addr" ] && break; sleep 0.1; done
ADDR=$(cat "$W/addr")
measure "route show (HTTP, 1000/page)"  "$RB" "$W/ist" --host "$ADDR" ctr route show
measure "route summary (HTTP, 64/page)" "$SB" "$W/ist" --host "$ADDR" ctr route summary --family all
kill "$SRV"; wait "$SRV" 2>/dev/null || true

# The same with 5 ms per page in the server (a control node walking its
# tables): the client fetches page N+1 while it parses page N.
"$W/istgen" serve -routes "$ROUTES" -tables "$TABLES" -addr 127.0.0.1:0 -delay 5ms > "$W/addr" &
SRV=$!
for _ in $(seq 300); do [ -s "$W/addr" ] && break; sleep 0.1; done
ADDR=$(cat "$W/addr")
measure "route show (HTTP, 5 ms/page)"  "$RB" "$W/ist" --host "$ADDR" ctr route show
measure "route summary (HTTP, 5 ms/page)" "$SB" "$W/ist" --host "$ADDR" ctr route summary --family all
