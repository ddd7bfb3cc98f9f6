#!/usr/bin/python3
"""Regenerates testdata/golden/render/*.txt by running the real ist.py
(github.com/vcheny/contrail-introspect-cli, not part of this repository) in
--file mode on the fixtures listed in cases.json, with Debian 12's
python3-prettytable 3.6 and python3-lxml:
    /usr/bin/python3 gen_golden.py /path/to/ist.py
The first line ist.py prints ("Loadding from introspect xml F") is
fetching chatter, not rendering, and is left out.
"""
import json, os, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "..", "golden", "render")
os.makedirs(out, exist_ok=True)
ist = sys.argv[1]
for case in json.load(open(os.path.join(here, "cases.json"))):
    res = subprocess.run([sys.executable, ist, "--file", case["xml"]] + case["ist"],
                         cwd=here, capture_output=True, check=True)
    first, _, rest = res.stdout.partition(b"\n")
    assert first.startswith(b"Loadding from introspect xml"), first
    with open(os.path.join(out, case["name"] + ".txt"), "wb") as f:
        f.write(rest)
    print(case["name"], len(rest))
