#!/usr/bin/env bash
# The test command (README): installs what is missing, starts the engines,
# runs go vet and staticcheck, then every test of every package, with the
# race detector (the Docker and containerd tests included: they fail, not
# skip, when an engine is missing). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-test-env.sh
PATH="$PATH:$(go env GOPATH)/bin"
go vet ./...
staticcheck ./...

# Test binaries that link GoBGP's server run without -race: GoBGP v4.8.0
# reads fsm.recvOpen and the peer config without the FSM's lock
# (server.go newWatchEventPeer and toConfig; fixed upstream by
# osrg/gobgp#3540, not yet released), a race inside GoBGP that the
# detector reports at random under load and that no tfkit code can avoid.
# Drop this split once go.mod has a GoBGP release with the fix.
gobgp=$(go list -test -f '{{.ImportPath}} {{join .Deps " "}}' ./... |
  awk '$1 ~ /\.test$/ && / github.com\/osrg\/gobgp\/v4\/pkg\/server( |$)/ { sub(/\.test$/, "", $1); print $1 }' | sort -u)
others=$(go list ./... | grep -vxF "$gobgp")
{
  failed=0
  go test -race -count=1 -timeout 60m $others || failed=1
  go test -count=1 -timeout 60m $gobgp || failed=1
  exit $failed
} 2>&1 | tee /tmp/tfkit-test.log
