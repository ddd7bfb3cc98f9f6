#!/usr/bin/python3
"""Writes table_cases.json: random tables (headers, cells, max_width) and
PrettyTable's rendering of each, set up as ist.py's dumpTbl does
(align 'l', max_width for every column), printed with print(). The Go
frame (introspect/render, TestTableMatchesPrettyTable) must match every
case. Run with Debian 12's python3-prettytable 3.6:
    /usr/bin/python3 gen_table_cases.py > table_cases.json
"""
import io, json, random, sys
from contextlib import redirect_stdout
import prettytable
from prettytable import PrettyTable

random.seed(4711)
alphabet = (list("abcdefghijklmnopqrstuvwxyz") * 2 + list("0123456789:./") + list("-") * 6 + list(" ") * 10 +
            ["\n"] * 3 + ["\t", "é", "日", "本", "\u0301", "\xa0", "\u200b"])
words = ["default-domain:k8s-default:k8s-default-pod-network", "10.84.13.45:8443", "Established",
         "  10.0.0.1", "n/a", "-", "", " ", "route-target", "AVeryLongWordWithoutAnyBreakOpportunity"]
headers_pool = ["name", "uuid", "state", "a", "peer_address", "flap_time", "mdata_ip_addr",
                "human_readable_description_of_the_label_entry", "x", "vrf", "label"]


def cell():
    r = random.random()
    if r < 0.4:
        return random.choice(words)
    if r < 0.6:
        return "\n".join(random.choice(words) for _ in range(random.randint(1, 4)))
    return "".join(random.choice(alphabet) for _ in range(random.randint(0, 80)))


cases = []
for _ in range(150):
    headers = random.sample(headers_pool, random.randint(1, 5))
    rows = [[cell() for _ in headers] for _ in range(random.randint(1, 4))]
    max_width = random.choice([1, 2, 5, 10, 20, 36, 36, 50, 60])
    tbl = PrettyTable(headers)
    tbl.align = "l"
    tbl.max_width = max_width
    for r in rows:
        tbl.add_row(r)
    out = io.StringIO()
    with redirect_stdout(out):
        print(tbl)
    cases.append({"headers": headers, "rows": rows, "max_width": max_width, "out": out.getvalue()})
json.dump({"prettytable": prettytable.__version__ if hasattr(prettytable, "__version__") else "3.6",
           "cases": cases}, sys.stdout, ensure_ascii=True, indent=0)
sys.stdout.write("\n")
