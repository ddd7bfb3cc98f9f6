#!/bin/bash
# Regenerates testdata/vr/golden/*.txt with the real ist.py (vcheny/contrail-introspect-cli
# v1.1, python3 with lxml and prettytable) in --file mode on the fixtures. Cases
# with a fourth field (a note) are ist's intended output where ist.py crashes or
# prints None: they are written by `ist` itself and reviewed, not by ist.py.
# The whole stdout is kept, ist.py's first line included ("Loadding from
# introspect xml <file>"): ist runs from cmd/ist with the same relative
# --file path, so its stdout is compared byte for byte.
# Usage: IST_PY=/path/to/ist.py [PYTHON=/usr/bin/python3] bash testdata/vr/gen/golden.sh
set -e
: "${IST_PY:?set IST_PY to ist.py}"
cd "$(dirname "$0")/../../../cmd/ist"
g=../../testdata/vr/golden
while IFS='|' read -r name file args note; do
  [ -n "$note" ] && continue
  ${PYTHON:-python3} "$IST_PY" --file "../../testdata/vr/$file" $args 2>/dev/null > "$g/$name.txt"
done < "$g/cases.txt"
