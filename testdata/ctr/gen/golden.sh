#!/bin/bash
# Regenerates testdata/ctr/golden/*.txt with the real ist.py (vcheny/contrail-introspect-cli
# v1.1, python3 with lxml and prettytable) run in --file mode on the fixtures.
# The whole stdout is kept, ist.py's first line included ("Loadding from
# introspect xml <file>"): ist runs from cmd/ist with the same relative
# --file path, so its stdout is compared byte for byte.
# Usage: IST_PY=/path/to/ist.py [PYTHON=/usr/bin/python3] bash testdata/ctr/gen/golden.sh
# Ages are masked ("age: AGE, "): ist.py prints them relative to its clock.
set -e
: "${IST_PY:?set IST_PY to ist.py}"
cd "$(dirname "$0")/../../../cmd/ist"
g=../../testdata/ctr/golden
while IFS='|' read -r name file args; do
  ${PYTHON:-python3} "$IST_PY" --file "../../testdata/ctr/$file" $args 2>/dev/null \
    | sed -E 's/age: [^,]+, /age: AGE, /g' > "$g/$name.txt"
done < "$g/cases.txt"
