#!/usr/bin/env bash
# The test command (README): installs what is missing, starts the engines,
# runs go vet and staticcheck, then every test of every package with the
# race detector (the Docker and containerd tests included: they fail, not
# skip, when an engine is missing). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-test-env.sh
PATH="$PATH:$(go env GOPATH)/bin"
go vet ./...
staticcheck ./...
go test -race -count=1 -timeout 60m ./... 2>&1 | tee /tmp/tfkit-test.log
