#!/usr/bin/env bash
# ist bundle, ist --bundle (replay) and ist diff against the 980-vRouter
# experiment on refnode (builtin:scale-980.yaml: 15 control nodes, 980
# vRouter agents, one pod each, in one process). Once the cluster has
# converged (every agent with 2 XMPP sessions, the BGP mesh up, as
# `ist ctr nei` shows them) it reports, with the machine load before each:
#   - ist bundle with the defaults (--vr-tables auto: at 980 vRouters the
#     agents' forwarding tables, which grow with the square of the
#     cluster, are not asked): wall time, peak RSS, CPU of ist and of
#     refnode, requests, page bytes read, file size, failures;
#   - the same with the forwarding tables of VR_TABLES vRouters;
#   - a replay from the bundle (ist --bundle … ctr route show | wc -c);
#   - ist diff of the two bundles: wall time and peak RSS.
# Targets (issue 13): the whole cluster in under 30 s, a bundle under 50 MB.
#
# Starting the converged cluster takes minutes and ~5 GiB. It binds
# 127.0.1.x-127.0.5.x: run it in a network namespace of its own, once.
#
#   ip netns add bench; ip netns exec bench ip link set lo up
#   ip netns exec bench bash bench/bundle-scale.sh
#   TOPOLOGY=builtin:k8s.yaml CONTROLS=3 VROUTERS=2 VR_TABLES=vrouter-1 ip netns exec bench bash bench/bundle-scale.sh   # dry run
set -euo pipefail
cd "$(dirname "$0")/.."

TOPOLOGY=${TOPOLOGY:-builtin:scale-980.yaml}
CONTROLS=${CONTROLS:-15}
VROUTERS=${VROUTERS:-980}
VR_TABLES=${VR_TABLES:-vrouter-1,vrouter-2,vrouter-3,vrouter-4,vrouter-5}
TIMEOUT=${TIMEOUT:-900}          # seconds to wait for convergence
BGP_HOLD=${BGP_HOLD:-}          # e.g. 90s: an unscaled BGP hold (the topology's scaled 9 s holds now; bench/refnode-scale.sh)
ADMIN=${ADMIN:-127.0.0.1:9892}
OUT=${OUT:-$(mktemp -d /tmp/bundle-scale.XXXXXX)}
. bench/scale-lib.sh
scale_start
scale_converge
scale_quiet
echo "ist bundle on $TOPOLOGY: $CONTROLS control nodes, $VROUTERS vRouters (sessions up ${converged}s after the listeners; XMPP $xmpp/$want_xmpp, BGP $bgp/$want_bgp; refnode quiet ${quiet}s later)"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(go version | awk '{print $3}')"

# run <tag> <command…>: time, peak RSS and CPU of ist, CPU of refnode.
run() {
  local tag=$1; shift
  echo "  load: $(uptime | sed 's/.*load average: //')"
  local c0; c0=$(cpu "$refpid")
  /usr/bin/time -f '%e %M %U %S' -o "$OUT/$tag.time" "$@" >"$OUT/$tag.out" 2>"$OUT/$tag.err" || true
  read -r wall rss user sys < <(tail -n 1 "$OUT/$tag.time")
  printf '  %-8s wall %6.2f s  peak RSS %4d MiB  CPU ist %5.1f s  refnode %5.1f s\n' "$tag" "$wall" $((rss / 1024)) \
    "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" "$(awk -v a="$c0" -v b="$(cpu "$refpid")" 'BEGIN { print b - a }')"
}
bundle() { # bundle <tag> [flags]: a bundle and its summary line
  local tag=$1; shift
  run "$tag" "$ist" --host 127.0.1.1 bundle -o "$OUT/$tag.tar.gz" -f json "$@"
  echo "           $(grep -o '"size": [0-9]*' "$OUT/$tag.out" | awk '{ printf "file %.1f MB", $2 / 1e6 }'),$(grep -o '"bytes": [0-9]*' "$OUT/$tag.out" | awk '{ printf " pages %.1f MB", $2 / 1e6 }'),$(grep -o '"requests": [0-9]*' "$OUT/$tag.out" | head -1 | awk '{ printf " %d requests", $2 }'), $(grep -c '"node":' "$OUT/$tag.out" || true) failures, exit $(grep -q '"file"' "$OUT/$tag.out" && echo 0 || echo "!= 0: $(head -c 300 "$OUT/$tag.err")")"
}
echo "refnode alone (keep-alives of every session): $idle CPU-s per second"
echo "default bundle (--vr-tables auto):"
bundle default
echo "with the forwarding tables of $VR_TABLES:"
bundle tables --vr-tables "$VR_TABLES"
echo "replay: ist --bundle default.tar.gz --host 127.0.1.1 ctr route show"
run replay "$ist" --bundle "$OUT/default.tar.gz" --host 127.0.1.1 ctr route show
echo "           $(wc -c <"$OUT/replay.out") bytes printed"
echo "diff of the two bundles:"
run diff "$ist" diff "$OUT/default.tar.gz" "$OUT/tables.tar.gz" -f json
echo "           $(grep -c '"kind":' "$OUT/diff.out" || true) changes, not compared: $(grep -c 'not compared:' "$OUT/diff.out" || true)"
echo "refnode: peak RSS $(awk '/VmHWM/ { printf "%.0f MiB", $2 / 1024 }' "/proc/$refpid/status"); outputs in $OUT"
