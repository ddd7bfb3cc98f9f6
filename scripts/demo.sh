#!/usr/bin/env bash
# The README demo: builds refnode and ist, starts the embedded reference
# cluster (3 control nodes on 127.0.1.1-3, 2 vRouters on 127.0.2.1-2, a
# Kubernetes pod network with two cirros pods) in the background, waits
# until it has converged, runs the ist commands an operator would run, then
# stops the cluster. Safe to run again. All traffic stays on 127.0.0.0/8.
#
#   bash scripts/demo.sh            # the default cluster
#   KEEP=1 bash scripts/demo.sh     # leave the cluster running afterwards
set -euo pipefail
cd "$(dirname "$0")/.."

# What the demo needs on a fresh Debian machine: Go (the go.mod toolchain
# line makes it fetch the right version) and nothing else.
if ! command -v go >/dev/null; then
  if [ -x /usr/local/go/bin/go ]; then
    export PATH=/usr/local/go/bin:$PATH
  else
    echo "demo: installing Go (golang-go)" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq golang-go ca-certificates >/dev/null
  fi
fi
export GOTOOLCHAIN=${GOTOOLCHAIN:-auto}

bin=$(mktemp -d /tmp/tfkit-demo.XXXXXX)
log=$bin/refnode.log
admin=${REFNODE_ADMIN:-127.0.0.1:9880}
export REFNODE_ADMIN=$admin
echo "== building refnode and ist into $bin"
go build -o "$bin/refnode" ./cmd/refnode
go build -o "$bin/ist" ./cmd/ist
refnode=$bin/refnode
ist=$bin/ist

# Port 179 needs root (or CAP_NET_BIND_SERVICE); otherwise run BGP on 1179.
topology=()
if [ "$(id -u)" != 0 ]; then
  "$refnode" topology print | sed 's/^    bgp: 179$/    bgp: 1179/' >"$bin/topology.yaml"
  topology=("$bin/topology.yaml")
  echo "== not root: BGP on port 1179 instead of 179"
fi

pid=
stop_cluster() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" && wait "$pid" 2>/dev/null || true
  fi
}
if [ -z "${KEEP:-}" ]; then
  trap stop_cluster EXIT
fi

echo "== refnode up --scale 0.1 ${topology[*]:-} (log: $log)"
"$refnode" up --scale 0.1 --admin "$admin" "${topology[@]}" >"$log" 2>&1 &
pid=$!

# Wait until the admin API answers (the cluster has started its nodes).
for _ in $(seq 1 100); do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "demo: refnode up exited:" >&2; cat "$log" >&2; exit 1
  fi
  "$refnode" ctl state -f json >/dev/null 2>&1 && break
  sleep 0.2
done
"$refnode" ctl state -f json >/dev/null || { echo "demo: refnode did not answer on $admin; see $log" >&2; exit 1; }
sed -n '1,/^$/p' "$log"

# run prints the command, then its output; a missing ist subcommand is
# reported and the demo goes on (ist grows its commands independently).
run() {
  echo
  echo "\$ ist $*"
  local rc=0
  "$ist" "$@" || rc=$?
  if [ "$rc" != 0 ]; then
    echo "(ist $* exited with $rc — skipped)"
  fi
}

# Converged: every control node sees its 2 BGP peers Established and the 2
# vRouters have their XMPP sessions (4 in total).
established() {
  local n=0 h
  for h in 127.0.1.1 127.0.1.2 127.0.1.3; do
    n=$((n + $("$ist" --host "$h" ctr nei 2>/dev/null | grep -c Established || true)))
  done
  echo "$n"
}
echo
echo "== waiting for BGP and XMPP sessions"
for _ in $(seq 1 60); do
  [ "$(established)" -ge 10 ] && break
  sleep 0.5
done
echo "established sessions seen by the control nodes: $(established) (10 expected)"

pods=default-domain:k8s-default:k8s-default-pod-network:k8s-default-pod-network.inet.0
run --host 127.0.1.1 ctr nei
run --host 127.0.1.1 ctr route summary
run --host 127.0.1.1 ctr route show -t "$pods"
run --host 127.0.2.1 vr intf
run --host 127.0.2.1 vr vrf -c name ucindex vxlan_id
run --host 127.0.2.1 vr route -v 5
run --host 127.0.1.1,127.0.1.2,127.0.1.3 ctr nei -t BGP -c peer peer_address state flap_count
run follow --vrouter 127.0.2.1 k8s-default-pod-network 10.47.255.249
run --host 127.0.1.1 ctr status

# doctor prints the exit code it ends with (1: findings at error severity).
doctor() {
  echo
  echo "\$ ist $*"
  local rc=0
  "$ist" "$@" || rc=$?
  echo "(exit $rc)"
}
echo
echo "== ist doctor: the whole cluster from one control node"
doctor --host 127.0.1.1 doctor

bundle=$(mktemp -d)/before.tar.gz
echo
echo "== ist bundle: every node's answers in one file, replayable offline"
run --host 127.0.1.1 bundle -o "$bundle"
run --bundle "$bundle" --host 127.0.2.1 vr xmpp -c controller_ip state flap_count

echo
echo "== a fault: stop control-1, look again (doctor, diff against the bundle), start it"
"$refnode" ctl stop control-1
sleep 3
run --host 127.0.1.2 ctr nei
doctor --host 127.0.1.2 doctor
doctor --host 127.0.1.2 diff "$bundle" live
"$refnode" ctl start control-1
for _ in $(seq 1 60); do
  [ "$(established)" -ge 10 ] && break
  sleep 0.5
done

echo
echo "== another fault: cirros-1's interface loses its virtual network (the agent says vn-null)"
"$refnode" ctl inactive vrouter-1 cirros-1 vn-null
doctor --host 127.0.1.2 doctor -f text
"$refnode" ctl active vrouter-1 cirros-1

echo
echo "== ist trace: cirros-1 to cirros-2, tcp/80, healthy, then a security group denies it"
"$refnode" ctl send cirros-1 cirros-2 tcp 80 --count 3 >/dev/null
doctor --host 127.0.1.2 trace cirros-1 cirros-2 tcp 80 -f text
"$refnode" ctl fault sg-deny cirros-2 --protocol tcp --port 80
"$refnode" ctl send cirros-1 cirros-2 tcp 80 --count 3 || true
doctor --host 127.0.1.2 trace cirros-1 cirros-2 tcp 80 -f text
"$refnode" ctl fault sg-deny cirros-2 --protocol tcp --port 80 --clear
"$refnode" ctl state | tail -n 6

if [ -n "${KEEP:-}" ]; then
  echo
  echo "cluster left running (pid $pid, admin $admin); stop it with: kill $pid"
else
  echo
  echo "== stopping refnode"
fi
