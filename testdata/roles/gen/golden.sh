#!/bin/bash
# Regenerates testdata/roles/golden/*.txt and golden/paths.txt with the real
# ist.py (vcheny/contrail-introspect-cli v1.1; /usr/bin/python3 with lxml,
# requests and prettytable) run in HTTP mode against gen/serve.py on
# 127.0.0.1, which answers every request with the case's fixture and logs
# the request URI ist.py sent (the Go test serves the fixture at exactly
# that URI, so it checks the query arguments too).
# The whole stdout is kept, ist.py's first line "Introspect Host: 127.0.0.1"
# included (the Go test gives ist the same --host and its own --port).
# A fixture "real:<name>" is ../shared/testdata-real/<name> (never copied
# here), compacted like a daemon writes it.
# Usage: IST_PY=/path/to/ist.py bash testdata/roles/gen/golden.sh
set -e
: "${IST_PY:?set IST_PY to ist.py}"
PY=${PYTHON:-/usr/bin/python3}
cd "$(dirname "$0")/.."
: > golden/paths.txt
while IFS='|' read -r name file args; do
  [ -z "$name" ] && continue
  log=$(mktemp)
  case "$file" in
  real:*) # a real sample beside the checkout, without the whitespace xmllint added (spec §2.9)
    src=../../../shared/testdata-real/${file#real:}; file=$(mktemp)
    "$PY" -c 'import re,sys; sys.stdout.write(re.sub(r">\s+<", "><", open(sys.argv[1]).read().strip()))' "$src" > "$file";;
  esac
  coproc SRV { exec "$PY" gen/serve.py "$file" "$log"; }
  read -r port <&"${SRV[0]}"
  "$PY" "$IST_PY" --host 127.0.0.1 --port "$port" $args 2>/dev/null > "golden/$name.txt"
  kill "$SRV_PID"; wait "$SRV_PID" 2>/dev/null || true
  echo "$name|$(head -n1 "$log")" >> golden/paths.txt
  rm -f "$log"; case "$file" in /tmp/*) rm -f "$file";; esac
done < golden/cases.txt
