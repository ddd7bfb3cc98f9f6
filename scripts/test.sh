#!/usr/bin/env bash
# The test command (README): installs what is missing, starts the engines,
# runs every test (the Docker and containerd tests included: they fail, not
# skip, when an engine is missing). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-test-env.sh
go vet ./...
go test -count=1 -timeout 30m ./... 2>&1 | tee /tmp/tfkit-test.log
