#!/usr/bin/env bash
# The published 980-vRouter experiment, on refnode: 15 control nodes and 980
# vRouter agents (one pod each) in one process (builtin:scale-980.yaml,
# timer scale 0.1, default hold times). Reports
#   - time until every agent has its 2 XMPP sessions, the BGP mesh is up
#     and sampled agents hold every pod route from both their controls,
#   - peak RSS and CPU time of the refnode process, BGP and XMPP flaps
#     until then,
#   - `ist doctor`'s wall time on the converged cluster,
#   - XMPP peers per control node before and after stopping 12 of the 15,
#     read through `ist ctr nei` (expected about 131 before, 650-710 after),
#   - how the surviving controls show their BGP peers after the stops
#     (each other Established, the stopped ones Active).
# It exits 1 (after the report) when the cluster did not converge, did
# not fail over, the survivors show wrong BGP states, or an XMPP session
# flapped until convergence (doctor's xmpp.flapping findings; both ends'
# reasons in $OUT/xmpp-flaps.txt). Run it in a
# network namespace of its own (it binds 127.0.1.x-127.0.5.x); needs root
# for BGP port 179 (or set PORT_BGP=1179). BGP_HOLD overrides the hold
# time (e.g. 90s: unscaled), for comparisons only. Output: a report on
# stdout; the refnode log in $OUT/refnode.log, doctor's output in
# $OUT/doctor.txt; pprof profiles in $OUT (cpu-converge.pprof: the first
# $PROFILE_SECONDS s; heap-converged.pprof and goroutine-converged.txt: at
# convergence), read with `go tool pprof -top $OUT/refnode $OUT/heap-converged.pprof`.
#
#   ip netns add scale; ip netns exec scale ip link set lo up
#   ip netns exec scale bash bench/refnode-scale.sh
#   TOPOLOGY=builtin:k8s.yaml CONTROLS=3 VROUTERS=2 STOP=1 ip netns exec scale bash bench/refnode-scale.sh   # quick dry run
set -euo pipefail
cd "$(dirname "$0")/.."

TOPOLOGY=${TOPOLOGY:-builtin:scale-980.yaml}
CONTROLS=${CONTROLS:-15}
VROUTERS=${VROUTERS:-980}
STOP=${STOP:-12}                 # control nodes to stop: control-1..control-$STOP
TIMEOUT=${TIMEOUT:-600}          # seconds to wait for each convergence
ADMIN=${ADMIN:-127.0.0.1:9890}
PROFILE_SECONDS=${PROFILE_SECONDS:-60}
# VRFs that hold every pod's route (the pod network and the networks it is
# connected to); each sampled agent must hold all of them in each
POD_VRFS=${POD_VRFS:-ip-fabric:ip-fabric k8s-default-pod-network:k8s-default-pod-network k8s-default-service-network:k8s-default-service-network}
WANT_PATHS=${WANT_PATHS:-$((2 * (VROUTERS - 1)))}  # per sampled agent and VRF: every other pod from 2 controls (0: no check)
OUT=${OUT:-$(mktemp -d /tmp/refnode-scale.XXXXXX)}
export REFNODE_ADMIN=$ADMIN

go build -o "$OUT/refnode" ./cmd/refnode
go build -o "$OUT/ist" ./cmd/ist
refnode=$OUT/refnode
ist=$OUT/ist

topology=$TOPOLOGY
if [ -n "${PORT_BGP:-}" ] || [ -n "${BGP_HOLD:-}" ]; then
  "$refnode" topology print "$TOPOLOGY" |
    sed -e "s/^    bgp: 179\$/    bgp: ${PORT_BGP:-179}/" \
        -e "${BGP_HOLD:+/^  timers:\$/a\\    bgp_hold: $BGP_HOLD}" >"$OUT/topology.yaml"
  topology=$OUT/topology.yaml
fi

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
# CPU seconds (user + system) of a process from /proc/<pid>/stat.
cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15) / hz }' "/proc/$1/stat"; }
rss_peak() { awk '/VmHWM/ { printf "%.0f MiB", $2 / 1024 }' "/proc/$1/status"; }
rss_now() { awk '/VmRSS/ { printf "%.0f MiB", $2 / 1024 }' "/proc/$1/status"; }

# nei <control index>: `ist ctr nei -f json` of that control, fetched once
# per round into $OUT/nei-<i>.json (each fetch costs the loaded cluster an
# answer of ~150 neighbors; the counts below all read the same copy).
nei() { "$ist" --host "127.0.1.$1" ctr nei -f json >"$OUT/nei-$1.json" 2>/dev/null || : >"$OUT/nei-$1.json"; }
# peers <i> <encoding>: Established peers of that encoding in the copy.
peers() { grep -c "\"encoding\":\"$2\",\"peer_type\":\"[a-z]*\",\"state\":\"Established\"" "$OUT/nei-$1.json" || true; }
# bgp_field <first> <last> <field>: that field of those controls' BGP peers,
# one line each (fresh answers).
bgp_field() {
  local i
  for i in $(seq "$1" "$2"); do
    "$ist" --host "127.0.1.$i" ctr nei -t BGP -f json 2>/dev/null | grep -o "\"$3\":[^,]*" | cut -d: -f2- || true
  done
}
# bgp_flaps <first> <last>: sum of flap_count over those controls' BGP peers.
bgp_flaps() { bgp_field "$1" "$2" flap_count | awk '{ s += $1 } END { print s + 0 }'; }
# bgp_errors <first> <last>: why those controls' BGP sessions last failed,
# counted ("hold timer expired 3, ..."), for the flaps.
bgp_errors() {
  bgp_field "$1" "$2" last_error | tr -d '"' | { grep . || true; } | sort | uniq -c | sort -rn |
    awk '{ n = $1; $1 = ""; printf "%s%s %d", (NR > 1 ? ", " : ""), substr($0, 2), n }'
}
# bgp_states <first> <last>: how those control nodes show their BGP peers,
# e.g. "Active 36 Established 6".
bgp_states() {
  local i
  for i in $(seq "$1" "$2"); do
    "$ist" --host "127.0.1.$i" ctr nei -t BGP -f json 2>/dev/null | grep -o '"peer_type":"[a-z]*","state":"[A-Za-z]*"' | sed 's/.*"state":"//; s/"$//' || true
  done | sort | uniq -c | awk '{ printf "%s%s %s", (NR > 1 ? " " : ""), $2, $1 }'
}
# vrouter_addr <j>: the address of vrouter j (1-based), as topo generates it.
vrouter_addr() { echo "127.0.$((2 + ($1 - 1) / 250)).$((($1 - 1) % 250 + 1))"; }
# pod_paths <addr> <vrf>: paths learned from control nodes in the agent's
# VRF whose name ends in <vrf> (each remote pod's route from each of its 2
# control nodes).
pod_paths() {
  local idx
  idx=$("$ist" --host "$1" vr vrf -f json 2>/dev/null | tr '{' '\n' | grep "\"name\":\"[^\"]*$2\"" | grep -o '"ucindex":[0-9]*' | cut -d: -f2 | head -1)
  [ -n "$idx" ] || { echo 0; return; }
  "$ist" --host "$1" vr route -v "$idx" --format json 2>/dev/null | grep -o '"peer":"127\.0\.1\.[0-9]*"' | wc -l
}
# routes_done: true when each sampled agent (1, the middle one and the
# last) holds all $WANT_PATHS paths in every one of $POD_VRFS; sets ROUTES
# to the counts read (the fewest per agent). It stops at the first VRF
# short of them, so that the polling (answers of 2000 paths each) loads
# the converging cluster as little as it can: the VRFs are asked last
# first, the order in which the control nodes send them.
routes_done() {
  local j n v least vrfs
  ROUTES=""
  [ "$WANT_PATHS" -gt 0 ] || return 0
  vrfs=$(echo $POD_VRFS | tr ' ' '\n' | sort -r)
  for j in 1 $(((VROUTERS + 1) / 2)) "$VROUTERS"; do
    least=
    for v in $vrfs; do
      n=$(pod_paths "$(vrouter_addr "$j")" "$v")
      if [ -z "$least" ] || [ "$n" -lt "$least" ]; then least=$n; fi
      [ "$n" -ge "$WANT_PATHS" ] || { ROUTES="$ROUTES $least"; return 1; }
    done
    ROUTES="$ROUTES $least"
  done
}
# counts <first> <last>: fetches those controls' neighbors; sets PER to
# their Established XMPP peers "n1 n2 ...", SUM to their sum and BGP to
# their Established BGP peers in all.
counts() {
  local i n
  PER=""; SUM=0; BGP=0
  for i in $(seq "$1" "$2"); do
    nei "$i"
    n=$(peers "$i" XMPP); PER="$PER $n"; SUM=$((SUM + n))
    BGP=$((BGP + $(peers "$i" BGP)))
  done
}

start=$(now)
"$refnode" up --pprof --admin "$ADMIN" "$topology" >"$OUT/refnode.log" 2>&1 &
pid=$!
# On exit: stop refnode, and kill it (the guard's child too) if it has
# not ended after 60 s.
finish() {
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -KILL "${work:-$pid}" "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
trap finish EXIT
for _ in $(seq 1 600); do
  kill -0 "$pid" 2>/dev/null || { echo "refnode up exited; see $OUT/refnode.log" >&2; tail "$OUT/refnode.log" >&2; exit 1; }
  curl -sf "http://$ADMIN/debug/pprof/cmdline" >/dev/null 2>&1 && break
  sleep 0.05
done
# refnode runs as the child of a crash guard (clikit.Main): measure the
# child, the process that does the work.
work=$(pgrep -P "$pid" -n 2>/dev/null || true)
work=${work:-$pid}
# CPU profile of the start-up and convergence ($PROFILE_SECONDS from here).
curl -sf -o "$OUT/cpu-converge.pprof" "http://$ADMIN/debug/pprof/profile?seconds=$PROFILE_SECONDS" &
cpuprof=$!
for _ in $(seq 1 600); do
  "$refnode" ctl state -f json >/dev/null 2>&1 && break
  sleep 0.5
done
listening=$(now)

want=$((2 * VROUTERS))
deadline=$(( $(date +%s) + TIMEOUT ))
xmpp_done=
routes_ok=
while :; do
  counts 1 "$CONTROLS"
  if [ -z "$xmpp_done" ] && [ "$SUM" -ge "$want" ]; then xmpp_done=$(now); fi
  bgp=$BGP
  if [ "$SUM" -ge "$want" ] && [ "$bgp" -ge $((CONTROLS * (CONTROLS - 1))) ]; then
    routes_done && { routes_ok=1; break; }
  fi
  if [ "$(date +%s)" -ge "$deadline" ]; then echo "not converged after ${TIMEOUT}s: $SUM/$want XMPP, $bgp BGP, paths$ROUTES" >&2; break; fi
  sleep 2
done
converged=$(now)
conv_routes=$ROUTES
before=$PER; before_sum=$SUM; cpu_conv=$(cpu "$work"); rss_conv=$(rss_now "$work")
# Heap (after a GC) and goroutines of the converged cluster.
curl -sf -o "$OUT/heap-converged.pprof" "http://$ADMIN/debug/pprof/heap?gc=1" || true
curl -sf -o "$OUT/goroutine-converged.txt" "http://$ADMIN/debug/pprof/goroutine?debug=1" || true
flaps_conv=$(bgp_flaps 1 "$CONTROLS"); errors_conv=$(bgp_errors 1 "$CONTROLS")
# ist doctor on the converged cluster (issue 11: within 5 s wall): wall
# time, its summary lines and exit status; the whole output in $OUT.
t0=$(now)
doctor_rc=0
"$ist" --host 127.0.1.1 doctor >"$OUT/doctor.txt" 2>&1 || doctor_rc=$?
doctor_wall=$(elapsed "$t0" "$(now)")
doctor_summary=$(grep -E '^(Cluster|Findings):' "$OUT/doctor.txt" | sed 's/  */ /g' | paste -sd ';' -)
# XMPP flaps until then, as the agents count them (doctor's xmpp.flapping
# findings, table rows "warning  vrouter-N  xmpp.flapping  XMPP session to
# control-M flapped K time(s), ..."), and why each ended as both sides
# traced it, in $OUT/xmpp-flaps.txt: the agent's session and
# ControllerConnections trace, the control node's XmppTrace lines for it.
flap_rows() { awk '$3 == "xmpp.flapping" && $4 == "XMPP" && $8 == "flapped"' "$OUT/doctor.txt"; }
xmpp_flaps=$(flap_rows | awk '{ s += $9 } END { print s + 0 }')
xmpp_flapped=$(flap_rows | awk '{ printf "%s%s-%s", (NR > 1 ? " " : ""), $2, $7 }')
: >"$OUT/xmpp-flaps.txt"
for f in $xmpp_flapped; do
  vr=${f%%-control-*}; ctl=control-${f##*-control-}
  addr=$(vrouter_addr "${vr#vrouter-}")
  {
    echo "== $vr ($addr) -> $ctl"
    "$ist" --host "$addr" vr xmpp 2>&1 || true
    "$ist" --host "$addr" vr trace ControllerConnections 2>&1 | grep -i "$ctl\|down\|timedout" || true
    echo "-- $ctl XmppTrace for $vr"
    "$ist" --host "127.0.1.${ctl#control-}" ctr trace XmppTrace 2>&1 | grep -w "$vr" || true
  } >>"$OUT/xmpp-flaps.txt"
done

stopped=$(now)
slowest=0
for i in $(seq 1 "$STOP"); do
  t0=$(now)
  "$refnode" ctl --timeout "${TIMEOUT}s" stop "control-$i" || echo "stopping control-$i failed" >&2
  slowest=$(awk -v a="$t0" -v b="$(now)" -v m="$slowest" 'BEGIN { d = b - a; printf "%.2f", (d > m ? d : m) }')
done
stop_done=$(now)
deadline=$(( $(date +%s) + TIMEOUT ))
while :; do
  counts $((STOP + 1)) "$CONTROLS"; after=$PER
  [ "$SUM" -ge "$want" ] && routes_done && break
  if [ "$(date +%s)" -ge "$deadline" ]; then echo "failover incomplete after ${TIMEOUT}s: $SUM/$want, paths$ROUTES" >&2; break; fi
  sleep 2
done
failed_over=$(now)
# Surviving controls: their mesh again (each other Established, the
# stopped ones Active after the idle hold, as contrail-control shows them).
sleep 3
bgp_after=$(bgp_states $((STOP + 1)) "$CONTROLS")
survivors=$((CONTROLS - STOP))
# as bgp_states prints it: states in name order, none with 0 peers
want_after=$(printf 'Active %d\nEstablished %d\n' $((survivors * STOP)) $((survivors * (survivors - 1))) | awk '$2 > 0' | paste -sd ' ' -)

wait "$cpuprof" 2>/dev/null || true
cat <<REPORT
refnode scale experiment: $CONTROLS control nodes, $VROUTERS vRouters ($TOPOLOGY)
machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(go version | awk '{print $3}')
listeners up after:      $(elapsed "$start" "$listening") s
XMPP converged after:    $(if [ -n "$xmpp_done" ]; then elapsed "$start" "$xmpp_done"; else echo "-"; fi) s
converged after:         $(elapsed "$start" "$converged") s  ($before_sum/$want XMPP sessions, BGP mesh $bgp/$((CONTROLS * (CONTROLS - 1))), pod routes on agents 1, $(((VROUTERS + 1) / 2)), $VROUTERS:$conv_routes of $WANT_PATHS paths in each of $(echo $POD_VRFS | wc -w) VRFs)
CPU at convergence:      $cpu_conv s   RSS $rss_conv
BGP flaps until then:    $flaps_conv (sum of flap_count: sessions lost after Established; last errors: ${errors_conv:-none})
XMPP flaps until then:   $xmpp_flaps (agents' flap counts in doctor's xmpp.flapping findings: ${xmpp_flapped:-none}; reasons in $OUT/xmpp-flaps.txt)
XMPP peers per control before:          $before
stopped control-1..control-$STOP in $(elapsed "$stopped" "$stop_done") s (slowest stop $slowest s); failover complete $(elapsed "$stopped" "$failed_over") s after the first stop
XMPP peers per surviving control after: $after  (sum $SUM)
BGP peers of the surviving controls:    $bgp_after (want $want_after)
ist doctor, converged cluster:          $doctor_wall s wall, exit $doctor_rc ($doctor_summary)
peak RSS:                $(rss_peak "$work")
profiles:                $OUT/{cpu-converge.pprof,heap-converged.pprof,goroutine-converged.txt}
CPU total:               $(cpu "$work") s
REPORT
# The run fails when the cluster did not get where it must: convergence,
# failover, the survivors showing their BGP peers as they are, and no XMPP
# session lost on the way (issue 14: a loaded node misses no keep-alive).
fail=0
[ -n "$routes_ok" ] || { echo "FAIL: not converged" >&2; fail=1; }
[ "$SUM" -ge "$want" ] || { echo "FAIL: failover incomplete ($SUM/$want XMPP sessions on the survivors)" >&2; fail=1; }
[ "$bgp_after" = "$want_after" ] || { echo "FAIL: surviving controls show BGP peers '$bgp_after', want '$want_after'" >&2; fail=1; }
[ "$xmpp_flaps" -eq 0 ] || { echo "FAIL: $xmpp_flaps XMPP session(s) flapped until convergence ($xmpp_flapped; see $OUT/xmpp-flaps.txt)" >&2; fail=1; }
exit $fail
