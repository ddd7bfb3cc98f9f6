#!/bin/bash
# Regenerates testdata/ctr/golden/*.txt with the real ist.py (vcheny/contrail-introspect-cli
# v1.1, python3 with lxml and prettytable) run in --file mode on the fixtures.
# Usage: IST_PY=/path/to/ist.py bash testdata/ctr/gen/golden.sh
# Ages are masked ("age: AGE, "): ist.py prints them relative to its clock.
set -e
: "${IST_PY:?set IST_PY to ist.py}"
cd "$(dirname "$0")/.."
while IFS='|' read -r name file args; do
  python3 "$IST_PY" --file "$file" $args 2>/dev/null | sed '1{/^Loadding from introspect xml/d}' \
    | sed -E 's/age: [^,]+, /age: AGE, /g' > "golden/$name.txt"
done < golden/cases.txt
