#!/usr/bin/env bash
# ist doctor against the 980-vRouter experiment on refnode: 15 control
# nodes and 980 vRouter agents in one process (builtin:scale-980.yaml).
# Once the cluster has converged (every agent with 2 XMPP sessions, the BGP
# mesh up, as `ist ctr nei` shows them), it reports for RUNS doctor runs:
#   - wall time, peak RSS (/usr/bin/time), requests sent, findings;
# then pauses HUNG_PCT % of the nodes (every k-th vRouter, and one control
# node: `refnode ctl pause`, they accept connections and never answer) and
# reports the same with --timeout $HUNG_TIMEOUT: the run must stay within
# discovery (one timeout, a hung control) plus two timeouts. Doctor and
# refnode share the machine: the CPU seconds each spent during a run are
# reported too (refnode's from /proc, including its own keep-alives).
# The machine load (uptime) is printed before each measurement.
#
# Starting the converged cluster takes minutes and GiBs (see
# bench/refnode-scale.sh). It binds 127.0.1.x-127.0.5.x: run it in a
# network namespace of its own. Needs root for BGP port 179 (or PORT_BGP).
#
#   ip netns add bench; ip netns exec bench ip link set lo up
#   ip netns exec bench bash bench/doctor-scale.sh
#   TOPOLOGY=builtin:k8s.yaml CONTROLS=3 VROUTERS=2 ip netns exec bench bash bench/doctor-scale.sh   # quick dry run
set -euo pipefail
cd "$(dirname "$0")/.."

TOPOLOGY=${TOPOLOGY:-builtin:scale-980.yaml}
CONTROLS=${CONTROLS:-15}
VROUTERS=${VROUTERS:-980}
RUNS=${RUNS:-3}
HUNG_PCT=${HUNG_PCT:-5}
HUNG_TIMEOUT=${HUNG_TIMEOUT:-5s}      # a loaded refnode answers a control node's neighbor list in 1-2 s
TIMEOUT=${TIMEOUT:-900}          # seconds to wait for convergence
BGP_HOLD=${BGP_HOLD:-}          # e.g. 90s: an unscaled BGP hold (the topology's scaled 9 s holds now; bench/refnode-scale.sh)
ADMIN=${ADMIN:-127.0.0.1:9891}
OUT=${OUT:-$(mktemp -d /tmp/doctor-scale.XXXXXX)}
. bench/scale-lib.sh
scale_start

# field <json file> <jq-less path>: a number from doctor's JSON summary.
num() { grep -o "\"$2\": *[0-9]*" "$1" | head -n "${3:-1}" | tail -n 1 | grep -o '[0-9]*$'; }

# doctor <tag> [flags]: one run; its JSON in $OUT/<tag>.json, time and RSS
# in $OUT/<tag>.time.
doctor() {
  local tag=$1; shift
  local c0; c0=$(cpu "$refpid")
  /usr/bin/time -f '%e %M %U %S' -o "$OUT/$tag.time" "$ist" --host 127.0.1.1 doctor -f json "$@" >"$OUT/$tag.json" 2>"$OUT/$tag.err" || true
  awk -v a="$c0" -v b="$(cpu "$refpid")" 'BEGIN { printf "%.1f\n", b - a }' >"$OUT/$tag.refcpu"
}
scale_converge
scale_quiet

report() { # report <tag>
  read -r wall rss user sys < <(tail -n 1 "$OUT/$1.time")
  printf '  %-10s wall %6.2f s  peak RSS %4d MiB  CPU doctor %4.1f s refnode %5s s  requests %5s  nodes %4s+%-4s  errors %4s  warnings %4s\n' \
    "$1" "$wall" $((rss / 1024)) "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" "$(cat "$OUT/$1.refcpu")" \
    "$(num "$OUT/$1.json" requests)" "$(num "$OUT/$1.json" answered 1)" "$(num "$OUT/$1.json" answered 2)" \
    "$(num "$OUT/$1.json" errors)" "$(num "$OUT/$1.json" warnings)"
}

echo "ist doctor on $TOPOLOGY: $CONTROLS control nodes, $VROUTERS vRouters (sessions up ${converged}s after the listeners; XMPP $xmpp/$want_xmpp, BGP $bgp/$want_bgp; refnode quiet ${quiet}s later, then $idle CPU-s per second)"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(go version | awk '{print $3}')"
echo "healthy cluster, default --timeout (5s):"
for r in $(seq 1 "$RUNS"); do
  echo "  load: $(uptime | sed 's/.*load average: //')"
  doctor "healthy-$r"
  report "healthy-$r"
done

# Hang HUNG_PCT % of the nodes: control-$CONTROLS and every k-th vRouter.
nodes=$((CONTROLS + VROUTERS)); hung=$(( (nodes * HUNG_PCT + 99) / 100 ))
step=$(( VROUTERS / (hung - 1 > 0 ? hung - 1 : 1) )); [ "$step" -ge 1 ] || step=1
paused="control-$CONTROLS"
"$refnode" ctl pause "control-$CONTROLS"
n=1
for i in $(seq "$step" "$step" "$VROUTERS"); do
  [ "$n" -ge "$hung" ] && break
  "$refnode" ctl pause "vrouter-$i"; paused="$paused vrouter-$i"; n=$((n + 1))
done
echo "paused $n of $nodes nodes ($HUNG_PCT%): control-$CONTROLS and every vRouter whose number is a multiple of ${step}; --timeout $HUNG_TIMEOUT (bound: discovery 1 timeout + 2 timeouts)"
for r in $(seq 1 "$RUNS"); do
  echo "  load: $(uptime | sed 's/.*load average: //')"
  doctor "hung-$r" --timeout "$HUNG_TIMEOUT"
  report "hung-$r"
done
echo "unreachable nodes found in the last run: $(grep -c '"check": "node.unreachable"' "$OUT/hung-$RUNS.json") (paused $n)"
echo "findings of the last healthy run by check: $(grep -o '"check": "[a-z.-]*"' "$OUT/healthy-$RUNS.json" | sort | uniq -c | awk '{ printf "%s %s, ", $3, $1 }')"
echo "refnode: peak RSS $(awk '/VmHWM/ { printf "%.0f MiB", $2 / 1024 }' "/proc/$refpid/status"); outputs in $OUT"
