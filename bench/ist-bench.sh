#!/usr/bin/env bash
# Benchmark of `ist` on large control-node answers (issues 2 and 14):
#   ctr route show on a 100,000-route ShowRouteResp, from --file (one document, text
#   and --format json; -t filters nothing in a saved answer: all routes are printed)
#   and over HTTP from 127.0.0.1 (100 pages of 1000 routes chained by next_batch),
#   ctr route summary on a 5,000-table ShowRouteSummaryResp (--file, and 79 pages of 64);
#   both HTTP runs again with a server that takes 5 ms per page.
# Each row shows ist beside the anchor, measured in the same run: one pass of
# ist's parser over the same bytes (`istgen scan`: sandesh.StreamTransient,
# records handed to a callback that does nothing), and the ratio of the wall
# times. The issue-14 target for route show: at most 0.5 s wall, 64 MB peak RSS,
# and within 2x the anchor. The HTTP server (istgen serve) builds its pages
# before it starts, so its own work is not counted.
# Prints wall time, CPU time (user+sys), MB/s parsed per wall second, and peak RSS
# (GNU time) for each, over HTTP the page server's CPU per run (it serves from
# memory with a Content-Length, as a control node answers one page), and the
# machine's load. On a shared machine the CPU figures
# are the stable ones; every row is the best wall of RUNS runs (default 3).
# Usage: bash bench/ist-bench.sh [routes] [tables]
# IST=path/to/ist measures that binary instead of building ./cmd/ist.
# PROFILE=DIR also writes a CPU profile of one more run of each route show
# row into DIR (TFKIT_CPUPROFILE; go tool pprof DIR/ist DIR/<row>.prof).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUTES=${1:-100000}
TABLES=${2:-5000}
RUNS=${RUNS:-3}
W=$(mktemp -d)
trap 'if [ -n "${SRV:-}" ]; then kill "$SRV" 2>/dev/null || true; fi; rm -rf "$W"' EXIT
if [ -n "${IST:-}" ]; then cp "$IST" "$W/ist"; else go build -o "$W/ist" ./cmd/ist; fi
go build -o "$W/istgen" ./bench/istgen
"$W/istgen" file -routes "$ROUTES" -o "$W/routes.xml"
"$W/istgen" summary -tables "$TABLES" -o "$W/summary.xml"

# best: runs "$@" RUNS times, keeps the run with the smallest wall time in $W/t
# (wall user sys rss); stdout goes to $W/out.
best() {
  local bw=""
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f "%e %U %S %M" -o "$W/t1" "$@" > "$W/out" 2> "$W/err" || { echo "failed: $* : $(cat "$W/err")" >&2; return 1; }
    read -r wall _ < "$W/t1"
    if [ -z "$bw" ] || awk -v a="$wall" -v b="$bw" 'BEGIN { exit !(a < b) }'; then bw=$wall; cp "$W/t1" "$W/t"; fi
  done
}

# anchor name bytes records file: one parser pass; sets AWALL.
anchor() {
  local name=$1 bytes=$2 records=$3 file=$4
  best "$W/istgen" scan -names "$records" "$file"
  read -r wall user sys rss < "$W/t"
  AWALL=$wall
  awk -v n="$name" -v b="$bytes" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" \
    'BEGIN { c = u+s; printf "%-34s %7.1f MB %6.2f s wall %6.2f s cpu %7.1f MB/s %6.1f MB RSS   (anchor)\n", n, b/1e6, w, c, (w>0 ? b/1e6/w : 0), r/1024 }'
}

# srvcpu: the page server's CPU ticks so far (0 without a server).
srvcpu() { if [ -n "${SRV:-}" ] && [ -r "/proc/$SRV/stat" ]; then awk '{ print $14 + $15 }' "/proc/$SRV/stat"; else echo 0; fi; }

# measure name bytes cmd...: ist beside the last anchor; over HTTP also
# the page server's CPU per run (it shares the two cores).
measure() {
  local name=$1 bytes=$2; shift 2
  local s0; s0=$(srvcpu)
  best "$@"
  local srv; srv=$(awk -v a="$s0" -v b="$(srvcpu)" -v t="$(getconf CLK_TCK)" -v n="$RUNS" 'BEGIN { if (b > a) printf "  server %.2f s cpu/run", (b-a)/t/n }')
  read -r wall user sys rss < "$W/t"
  awk -v n="$name" -v b="$bytes" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" -v a="$AWALL" -v l="$(wc -l < "$W/out")" -v x="$srv" \
    'BEGIN { c = u+s; printf "%-34s %7.1f MB %6.2f s wall %6.2f s cpu %7.1f MB/s %6.1f MB RSS %5.2fx anchor %7d lines%s\n", n, b/1e6, w, c, (w>0 ? b/1e6/w : 0), r/1024, (a>0 ? w/a : 0), l, x }'
}

# profile name cmd...: with PROFILE set, one more run under the CPU profiler.
profile() {
  [ -n "${PROFILE:-}" ] || return 0
  local name=$1; shift
  mkdir -p "$PROFILE"; cp "$W/ist" "$PROFILE/ist"
  TFKIT_CPUPROFILE="$PROFILE/$name.prof" "$@" > /dev/null
}

RB=$(stat -c %s "$W/routes.xml"); SB=$(stat -c %s "$W/summary.xml")
echo "ist benchmark: $ROUTES routes, $TABLES summary tables, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), best of $RUNS"
anchor  "parser pass over routes.xml"      "$RB" ShowRouteTable,ShowRoute "$W/routes.xml"
measure "route show -t … --file"           "$RB" "$W/ist" --file "$W/routes.xml" ctr route show -t default-domain:bench:vn0:vn0.inet.0
measure "route show -t … --file json"      "$RB" "$W/ist" --file "$W/routes.xml" ctr route show --format json -t default-domain:bench:vn0:vn0.inet.0
profile file "$W/ist" --file "$W/routes.xml" ctr route show

"$W/istgen" serve -routes "$ROUTES" -tables "$TABLES" -addr 127.0.0.1:0 > "$W/addr" &
SRV=$!
for _ in $(seq 600); do [ -s "$W/addr" ] && break; sleep 0.1; done
ADDR=$(cat "$W/addr")
measure "route show (HTTP, 1000/page)"     "$RB" "$W/ist" --host "$ADDR" ctr route show
profile http "$W/ist" --host "$ADDR" ctr route show
anchor  "parser pass over summary.xml"     "$SB" ShowRouteTableSummary "$W/summary.xml"
measure "route summary --file"             "$SB" "$W/ist" --file "$W/summary.xml" ctr route summary --family all
measure "route summary (HTTP, 64/page)"    "$SB" "$W/ist" --host "$ADDR" ctr route summary --family all
kill "$SRV"; wait "$SRV" 2>/dev/null || true
SRV=

# The same with 5 ms per page in the server (a control node walking its
# tables): the client fetches page N+1 while it parses page N.
rm -f "$W/addr" # not the last server's address: the new one truncates it only once started
"$W/istgen" serve -routes "$ROUTES" -tables "$TABLES" -addr 127.0.0.1:0 -delay 5ms > "$W/addr" &
SRV=$!
for _ in $(seq 600); do [ -s "$W/addr" ] && break; sleep 0.1; done
ADDR=$(cat "$W/addr")
anchor  "parser pass over routes.xml"      "$RB" ShowRouteTable,ShowRoute "$W/routes.xml"
measure "route show (HTTP, 5 ms/page)"     "$RB" "$W/ist" --host "$ADDR" ctr route show
anchor  "parser pass over summary.xml"     "$SB" ShowRouteTableSummary "$W/summary.xml"
measure "route summary (HTTP, 5 ms/page)"  "$SB" "$W/ist" --host "$ADDR" ctr route summary --family all
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
