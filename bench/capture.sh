#!/usr/bin/env bash
# Capture benchmark: tf-capture -w beside tcpdump -w on the same traffic.
#
# Two network namespaces made here (veth, 169.254.78.0/30 link-local, nothing
# leaves the machine); capturegen in A sends UDP to B at increasing rates;
# the capturer runs in B on eth0 writing a pcap file. For each rate and
# tool: packets sent, captured, dropped by kernel, CPU seconds (user+sys of
# the capturer) and CPU microseconds per captured packet.
#
# Usage (root): bench/capture.sh [rates...]   default: 20000 50000 100000 200000 400000
# tf-text is tf-capture printing decoded lines (to /dev/null) instead of -w.
# Env: TOOLS (default "tf-capture tcpdump tf-text"), DURATION (seconds per run, default 3), SIZE (payload bytes, default 64),
#      BUFFER_MIB (kernel capture buffer for both tools; default: each tool's own,
#      2 MiB for both) — a small buffer shows where drops start on a fast machine.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" = 0 ] || { echo "capture.sh: run as root (network namespaces, capture)" >&2; exit 2; }
command -v tcpdump >/dev/null || { echo "capture.sh: tcpdump not installed (scripts/setup-test-env.sh)" >&2; exit 2; }
RATES=${*:-20000 50000 100000 200000 400000}
DURATION=${DURATION:-3}
SIZE=${SIZE:-64}
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

# run_one TOOL RATE: prints one result row.
run_one() {
  local tool=$1 rate=$2 pcap="$work/$1.pcap" err="$work/$1.err" tm="$work/$1.time" pid
  rm -f "$pcap"
  case $tool in
    tf-capture) /usr/bin/time -f '%U %S' -o "$tm" "$work/tf-capture" --netns "/var/run/netns/$B" -i eth0 "${tfbuf[@]}" -w "$pcap" udp port 9999 2>"$err" & ;;
    tf-text)    /usr/bin/time -f '%U %S' -o "$tm" "$work/tf-capture" --netns "/var/run/netns/$B" -i eth0 "${tfbuf[@]}" udp port 9999 >/dev/null 2>"$err" & ;;
    tcpdump)    /usr/bin/time -f '%U %S' -o "$tm" ip netns exec "$B" tcpdump -i eth0 "${tdbuf[@]}" -w "$pcap" udp port 9999 2>"$err" & ;;
  esac
  pid=$!
  sleep 1
  local sent
  sent=$(ip netns exec "$A" "$work/capturegen" -dst 169.254.78.2:9999 -rate "$rate" -duration "${DURATION}s" -size "$SIZE" | awk '{print $2}')
  sleep 0.5
  # SIGINT the capturer (child of time): both print their summary on it.
  pkill -INT -P "$pid" 2>/dev/null || true
  wait "$pid" || true
  local cap drop cpu
  cap=$(grep -m1 -o '^[0-9]* packets captured' "$err" | awk '{print $1}')
  drop=$(grep -m1 -o '^[0-9]* packets dropped by kernel' "$err" | awk '{print $1}')
  cpu=$(awk '{printf "%.2f", $1+$2}' "$tm")
  awk -v t="$tool" -v r="$rate" -v s="$sent" -v c="${cap:-0}" -v d="${drop:-0}" -v u="$cpu" \
    'BEGIN { printf "%-10s %9d %9d %9d %9d %8.2f %8.2f\n", t, r, s, c, d, u, (c>0 ? u*1e6/c : 0) }'
}

printf "%-10s %9s %9s %9s %9s %8s %8s\n" tool rate_pps sent captured k_drops cpu_s us/pkt
for rate in $RATES; do
  for tool in ${TOOLS:-tf-capture tcpdump tf-text}; do run_one "$tool" "$rate"; done
done
