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

# Test binaries that link GoBGP's server run with -race too, but GoBGP
# v4.8.0 has a data race of its own: it reads fsm.recvOpen without the
# FSM's lock (server.go newWatchEventPeer and toConfig; fixed upstream by
# osrg/gobgp#3540, not yet released), which the detector reports at
# random under load when refnode watches peer events. When such a package
# fails, scripts/racecheck reads its -json output: a race in any other
# code, or a test that failed for another reason, fails the run; tests
# that failed only because of GoBGP's race are run again without -race,
# and that run decides. Drop this once go.mod has a GoBGP release with
# the fix.
gobgp=$(go list -test -f '{{.ImportPath}} {{join .Deps " "}}' ./... |
  awk '$1 ~ /\.test$/ && / github.com\/osrg\/gobgp\/v4\/pkg\/server( |$)/ { sub(/\.test$/, "", $1); print $1 }' | sort -u)
others=$(go list ./... | grep -vxF "$gobgp")
go build -o /tmp/tfkit-racecheck ./scripts/racecheck
{
  failed=0
  go test -race -count=1 -timeout 60m $others || failed=1
  set +e
  rerun=$(go test -race -count=1 -timeout 60m -json $gobgp | /tmp/tfkit-racecheck)
  verdict=$?
  set -e
  case $verdict in
    0) ;;
    3) echo "GoBGP's own race (osrg/gobgp#3540) failed tests of: $rerun; those packages again without -race:"
       go test -count=1 -timeout 60m $rerun || failed=1 ;;
    *) failed=1 ;;
  esac
  exit $failed
} 2>&1 | tee /tmp/tfkit-test.log
