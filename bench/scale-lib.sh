# Shared by the bench scripts that run a converged refnode cluster
# (doctor-scale.sh, bundle-scale.sh); source it after setting TOPOLOGY,
# CONTROLS, VROUTERS, TIMEOUT, BGP_HOLD, ADMIN and OUT.
#
#   scale_start     builds refnode and ist into $OUT ($refnode, $ist), starts
#                   the topology (BGP_HOLD, PORT_BGP applied) and waits for its
#                   admin API; $pid is refnode up, $refpid the child doing the
#                   work (clikit.Main runs a binary as a child of itself); the
#                   cluster is stopped on exit
#   scale_converge  polls `ist ctr nei` on every control node until every
#                   vRouter has 2 XMPP sessions and the BGP mesh is up, or
#                   TIMEOUT; sets $xmpp $want_xmpp $bgp $want_bgp $converged
#   scale_quiet     then waits until refnode's own work is done (routes still
#                   flow to the agents for tens of seconds after the sessions
#                   are up): its CPU over 5 s below QUIET cores (default 0.5),
#                   or TIMEOUT; sets $quiet (seconds waited) and $idle (its
#                   CPU-s per second then: keep-alives at the topology's timers)
#   cpu PID         CPU seconds (user + system) of a process

scale_start() {
  export REFNODE_ADMIN=$ADMIN
  go build -o "$OUT/refnode" ./cmd/refnode
  go build -o "$OUT/ist" ./cmd/ist
  refnode=$OUT/refnode
  ist=$OUT/ist
  "$refnode" topology print "$TOPOLOGY" |
    sed -e "s/^    bgp: 179\$/    bgp: ${PORT_BGP:-179}/" \
        -e "${BGP_HOLD:+/^  timers:\$/a\\    bgp_hold: $BGP_HOLD}" >"$OUT/topology.yaml"
  "$refnode" up --admin "$ADMIN" "$OUT/topology.yaml" >"$OUT/refnode.log" 2>&1 &
  pid=$!
  trap 'kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
  for _ in $(seq 1 1200); do
    kill -0 "$pid" 2>/dev/null || { echo "refnode up exited; see $OUT/refnode.log" >&2; tail "$OUT/refnode.log" >&2; exit 1; }
    "$refnode" ctl state -f json >/dev/null 2>&1 && break
    sleep 0.5
  done
  refpid=$(pgrep -P "$pid" | head -n 1 || true)
  refpid=${refpid:-$pid}
}

cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"; }

# established <XMPP|BGP>: sessions Established over every control node
# (polled with ist ctr nei: a doctor run every few seconds would slow the
# converging cluster down).
established() {
  local i n=0
  for i in $(seq 1 "$CONTROLS"); do
    n=$((n + $("$ist" --host "127.0.1.$i" --timeout 30s ctr nei -t "$1" 2>/dev/null | grep -c Established || true)))
  done
  echo "$n"
}

scale_converge() {
  want_xmpp=$((2 * VROUTERS)); want_bgp=$((CONTROLS * (CONTROLS - 1)))
  local deadline start
  deadline=$(( $(date +%s) + TIMEOUT )); start=$(date +%s)
  while :; do
    xmpp=$(established XMPP); bgp=$(established BGP)
    [ "$xmpp" -ge "$want_xmpp" ] && [ "$bgp" -ge "$want_bgp" ] && break
    if [ "$(date +%s)" -ge "$deadline" ]; then echo "not converged after ${TIMEOUT}s: XMPP $xmpp/$want_xmpp, BGP $bgp/$want_bgp" >&2; break; fi
    sleep 10
  done
  converged=$(( $(date +%s) - start ))
}

scale_quiet() {
  local deadline start c0
  deadline=$(( $(date +%s) + TIMEOUT )); start=$(date +%s)
  while :; do
    c0=$(cpu "$refpid"); sleep 5
    idle=$(awk -v a="$c0" -v b="$(cpu "$refpid")" 'BEGIN { printf "%.2f", (b - a) / 5 }')
    awk -v i="$idle" -v q="${QUIET:-0.5}" 'BEGIN { exit !(i < q) }' && break
    if [ "$(date +%s)" -ge "$deadline" ]; then echo "refnode still busy after ${TIMEOUT}s: $idle CPU-s per second" >&2; break; fi
  done
  quiet=$(( $(date +%s) - start ))
}
