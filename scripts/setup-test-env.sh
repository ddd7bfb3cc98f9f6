#!/usr/bin/env bash
# Installs and starts what the tests need on a fresh Debian machine (CI):
# libpcap-dev, tcpdump, iproute2, docker.io, containerd, staticcheck, and
# the shells and groff that check the generated completion scripts and man
# pages (bash, zsh, fish, groff-base), promtool (Debian's prometheus
# package) that checks tf-exporter's example alert rules; then
# starts dockerd and containerd when they are not answering. Safe to run
# again.
#
# containerd: Debian ships 1.6; tfkit's client is containerd v2 (2.x Go
# module). They talk: the v2 client uses the same v1 gRPC services
# (containers, tasks, content, images, snapshots, leases, namespaces) that
# 1.6 serves, and tfkit uses nothing newer (no transfer service, no
# sandbox API). engine's tests exercise exactly that pair (import, unpack,
# create, start, stop, pause, remove).
set -euo pipefail

need=()
{ command -v pkg-config >/dev/null && pkg-config --exists libpcap; } || need+=(libpcap-dev pkg-config)
command -v tcpdump >/dev/null || need+=(tcpdump)
command -v ip >/dev/null || need+=(iproute2)
command -v dockerd >/dev/null || need+=(docker.io)
command -v containerd >/dev/null || need+=(containerd)
command -v zsh >/dev/null || need+=(zsh)
command -v fish >/dev/null || need+=(fish)
command -v groff >/dev/null || need+=(groff-base)
command -v promtool >/dev/null || need+=(prometheus)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "setup: missing ${need[*]} and not root: install them, or run this script as root" >&2
    exit 2
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
fi

# staticcheck, which scripts/test.sh runs, with the Go toolchain.
if ! command -v staticcheck >/dev/null && [ ! -x "$(go env GOPATH)/bin/staticcheck" ]; then
  go install honnef.co/go/tools/cmd/staticcheck@v0.8.2
fi

wait_for() { # wait_for <what> <log> <command...>
  local what=$1 log=$2; shift 2
  for _ in $(seq 1 60); do "$@" >/dev/null 2>&1 && return 0; sleep 0.5; done
  echo "setup: $what did not start; see $log" >&2
  tail -n 20 "$log" >&2 || true
  exit 1
}

ctr_ok() { timeout 5 ctr --address /run/containerd/containerd.sock version; }
if ! ctr_ok >/dev/null 2>&1; then
  mkdir -p /run/containerd
  (nohup containerd >/tmp/containerd.log 2>&1 &)
  wait_for containerd /tmp/containerd.log ctr_ok
fi

if ! timeout 5 docker info >/dev/null 2>&1; then
  (nohup dockerd >/tmp/dockerd.log 2>&1 &)
  wait_for dockerd /tmp/dockerd.log timeout 5 docker info
fi
echo "setup: docker $(docker version --format '{{.Server.Version}}'), containerd $(containerd --version | awk '{print $3}') ready"
