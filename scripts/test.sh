#!/usr/bin/env bash
# The test command (README): installs what is missing, starts the engines,
# runs every test. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-test-env.sh
go vet ./...
go test -count=1 ./... 2>&1 | tee /tmp/tfkit-test.log
