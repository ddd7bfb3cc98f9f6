#!/usr/bin/env bash
# Capture benchmark: tf-capture beside tcpdump on the same traffic, in one run.
#
# Two network namespaces made here (veth, 169.254.78.0/30 link-local, nothing
# leaves the machine); capturegen in A sends UDP to B at increasing rates;
# the capturer runs in B on eth0. For each rate and tool: packets sent,
# captured, dropped by kernel, CPU seconds (user+sys of the capturer) and CPU
# microseconds per captured packet (rate 0 first: the fixed cost of each
# tool with no traffic). Then the rows of issue 14's table: each
# tfkit mode beside its anchor (decoded lines vs tcpdump -n, -w vs tcpdump -w),
# the ratio of CPU per packet and the drops, and whether the targets hold
# (decoded: ≤ 1.2× tcpdump -n and no drops where tcpdump -n has none;
# -w: ≤ 1.2× tcpdump -w).
#
# Tools:
#   tf-text     tf-capture printing decoded lines (to /dev/null), the default mode
#   tcpdump-n   tcpdump -n printing lines (to /dev/null), the anchor of tf-text
#   tf-capture  tf-capture -w FILE
#   tcpdump     tcpdump -w FILE, the anchor of tf-capture
#
# Usage (root): bench/capture.sh [rates...]   default: 20000 50000 100000 200000
# Env: TOOLS (default "tf-text tcpdump-n tf-capture tcpdump"), DURATION (seconds
#      per run, default 3), SIZE (payload bytes, default 64), BUFFER_MIB (kernel
#      capture buffer for every tool; default: each tool's own: tf-capture 4 MiB,
#      tcpdump 2 MiB),
#      RUNS (repeat everything, pooling CPU and packets per tool and rate;
#      default 1), PROFILE=DIR (tf-capture runs write CPU profiles
#      DIR/<tool>-<rate>.pprof).
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" = 0 ] || { echo "capture.sh: run as root (network namespaces, capture)" >&2; exit 2; }
command -v tcpdump >/dev/null || { echo "capture.sh: tcpdump not installed (scripts/setup-test-env.sh)" >&2; exit 2; }
RATES=${*:-20000 50000 100000 200000}
DURATION=${DURATION:-3}
SIZE=${SIZE:-64}
TOOLS=${TOOLS:-tf-text tcpdump-n tf-capture tcpdump}
tfbuf=() tdbuf=()
if [ -n "${BUFFER_MIB:-}" ]; then tfbuf=(-B "$BUFFER_MIB"); tdbuf=(-B $((BUFFER_MIB * 1024))); fi
work=$(mktemp -d /tmp/tfcap-bench.XXXXXX)
A=tfcapbench-a-$$ B=tfcapbench-b-$$
cleanup() { ip netns del "$A" 2>/dev/null || true; ip netns del "$B" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

go build -o "$work/tf-capture" ./cmd/tf-capture
CGO_ENABLED=0 go build -o "$work/capturegen" ./bench/capturegen

ip netns add "$A"; ip netns add "$B"
ip -n "$A" link add eth0 type veth peer name eth0 netns "$B"
ip -n "$A" addr add 169.254.78.1/30 dev eth0; ip -n "$B" addr add 169.254.78.2/30 dev eth0
for ns in "$A" "$B"; do ip -n "$ns" link set lo up; ip -n "$ns" link set eth0 up; done
# Nobody listens on 9999 in B; the ICMP port-unreachable answers are rate
# limited by the kernel and do not match the filter.

echo "# $(date -u +%FT%TZ) $(nproc) cores, load before: $(cut -d' ' -f1-3 /proc/loadavg), duration ${DURATION}s, payload ${SIZE} B"

# run_one TOOL RATE: prints one result row.
run_one() {
  local tool=$1 rate=$2 pcap="$work/$1.pcap" err="$work/$1.err" tm="$work/$1.time" pid
  local tf=("$work/tf-capture" --netns "/var/run/netns/$B" -i eth0 "${tfbuf[@]}")
  rm -f "$pcap"
  if [ -n "${PROFILE:-}" ]; then mkdir -p "$PROFILE"; export TFKIT_CPUPROFILE="$PROFILE/$tool-$rate.pprof"; fi
  local cmd out=/dev/null
  case $tool in
    tf-capture) cmd=("${tf[@]}" -w "$pcap" udp port 9999) ;;
    tf-text)    cmd=("${tf[@]}" udp port 9999) ;;
    tcpdump)    cmd=(ip netns exec "$B" tcpdump -i eth0 "${tdbuf[@]}" -w "$pcap" udp port 9999) ;;
    tcpdump-n)  cmd=(ip netns exec "$B" tcpdump -n -i eth0 "${tdbuf[@]}" udp port 9999) ;;
    *) echo "capture.sh: unknown tool $tool" >&2; exit 2 ;;
  esac
  # bash's time: user and system CPU of the capturer in milliseconds
  # (GNU time rounds to 10 ms, too coarse for a 20 ms process start).
  ( TIMEFORMAT='%3U %3S'; time "${cmd[@]}" >"$out" 2>"$err" ) 2>"$tm" &
  pid=$!
  unset TFKIT_CPUPROFILE
  sleep 1
  local sent
  sent=$(ip netns exec "$A" "$work/capturegen" -dst 169.254.78.2:9999 -rate "$rate" -duration "${DURATION}s" -size "$SIZE" | awk '{print $2}')
  sleep 0.5
  # SIGINT the capturer (child of the timing subshell): both print their summary on it.
  pkill -INT -P "$pid" 2>/dev/null || true
  wait "$pid" || true
  local cap drop cpu
  cap=$(grep -m1 -o '^[0-9]* packets captured' "$err" | awk '{print $1}')
  drop=$(grep -m1 -o '^[0-9]* packets dropped by kernel' "$err" | awk '{print $1}')
  cpu=$(awk '{printf "%.3f", $1+$2}' "$tm")
  awk -v t="$tool" -v r="$rate" -v s="$sent" -v c="${cap:-0}" -v d="${drop:-0}" -v u="$cpu" \
    'BEGIN { printf "%-10s %9d %9d %9d %9d %8.3f %8.2f\n", t, r, s, c, d, u, (c>0 ? u*1e6/c : 0) }'
}

printf "%-10s %9s %9s %9s %9s %8s %8s\n" tool rate_pps sent captured k_drops cpu_s us/pkt
# Rate 0 first: the same run with no traffic, the tool's fixed cost
# (process start, setup, idle), shown apart so per-packet costs can be read
# with and without it.
for run in $(seq "${RUNS:-1}"); do
  for rate in 0 $RATES; do
    for tool in $TOOLS; do run_one "$tool" "$rate"; done
  done
done | tee "$work/rows"
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"

# The issue's table rows: per rate, tfkit mode vs its anchor.
echo
awk '
  # Several RUNS of a tool at a rate are pooled: total CPU over total packets.
  $2 == 0 { idle[$1] += $6; idleRuns[$1]++; next }
  { k = $1" "$2; cpu[k] += $6; cap[k] += $4; drop[k] += $5; sent[k] += $3; runs[k]++; us[k] = cap[k] > 0 ? cpu[k] * 1e6 / cap[k] : 0
    if (!($2 in seen)) { seen[$2] = 1; rates[++n] = $2 } }
  # marginal: CPU per packet without the fixed cost of the tool (the rate-0 runs)
  function marg(t, r,   k) { k = t" "r; return cap[k] > 0 ? (cpu[k] - runs[k] * idle[t] / idleRuns[t]) * 1e6 / cap[k] : 0 }
  function row(mode, tf, anchor, aname,   i, r, k, a, ratio, pct, apct, ok, all) {
    all = "n/a (not both run)"
    for (i = 1; i <= n; i++) {
      r = rates[i]; k = tf" "r; a = anchor" "r
      if (!(k in us) || !(a in us)) continue
      if (all != "NO") all = "yes"
      ratio = (us[a] > 0 ? us[k] / us[a] : 0)
      pct = (sent[k] > 0 ? 100 * drop[k] / sent[k] : 0); apct = (sent[a] > 0 ? 100 * drop[a] / sent[a] : 0)
      ok = (ratio <= 1.2 && (mode != "decoded" || drop[a] > 0 || drop[k] == 0)) ? "yes" : "NO"
      if (ok == "NO") all = "NO"
      printf "| %-17s | %7d | %5.2f µs (%5.2f), drops %5.1f%% | %-10s %5.2f µs (%5.2f), drops %5.1f%% | %5.2f× | %-3s |\n", mode, r, us[k], marg(tf, r), pct, aname, us[a], marg(anchor, r), apct, ratio, ok
    }
    return all
  }
  END {
    print "CPU per captured packet; in brackets without the fixed cost (start, setup, idle) of the rate-0 run:"
    split("tf-text tcpdump-n tf-capture tcpdump", order, " ")
    for (i = 1; i <= 4; i++) if (order[i] in idle) printf "  fixed cost %-10s %5.0f ms\n", order[i], idle[order[i]] * 1000 / idleRuns[order[i]]
    print ""
    print "| tf-capture mode   | rate/s  | tfkit                          | anchor                                    | ratio  | target |"
    print "|---|---|---|---|---|---|"
    d = row("decoded (default)", "tf-text", "tcpdump-n", "tcpdump -n")
    w = row("-w FILE", "tf-capture", "tcpdump", "tcpdump -w")
    printf "\ntargets (on the totals): decoded ≤ 1.2× tcpdump -n and no drops where it has none: %s; -w ≤ 1.2× tcpdump -w: %s\n", d, w
  }' "$work/rows"
