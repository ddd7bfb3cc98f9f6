#!/usr/bin/env bash
# Benchmark of `ist vr route` on a VRF of N routes (default 100,000), agent-shaped
# (each route one path with a tunnel NH whose MAC is a list, as TF agents send):
#   from --file (one document), and over HTTP from 127.0.0.1 as the agent pages it
#   (first page of 100 routes with a Pagination whose `all` cookie returns every
#   route, in parts of 100, spec §3.2), brief and --detail.
# Prints wall time, CPU time (user+sys) and peak RSS (GNU time) for each.
# Usage: bash bench/ist-vr-bench.sh [routes]   IST=path/to/ist measures that binary.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUTES=${1:-100000}
W=$(mktemp -d)
trap 'kill "${SRV:-0}" 2>/dev/null || true; rm -rf "$W"' EXIT
if [ -n "${IST:-}" ]; then cp "$IST" "$W/ist"; else go build -o "$W/ist" ./cmd/ist; fi

# gen.py writes first.xml (first page), all.xml (every route) and serves them.
cat > "$W/gen.py" <<'PY'
import sys, http.server, socketserver
n, out = int(sys.argv[1]), sys.argv[2]
COOKIE = 'begin:-1,end:-1,table:default-domain:bench:vn0:vn0.uc.route.0,'
def route(i):
    ip = '10.%d.%d.%d' % (i >> 16 & 255, i >> 8 & 255, i & 255)
    return ('<RouteUcSandeshData><src_ip type="string" identifier="1">%s</src_ip><src_plen type="u32" identifier="2">32</src_plen>'
            '<src_vrf type="string" identifier="3">default-domain:bench:vn0:vn0</src_vrf><path_list type="list" identifier="4"><list type="struct" size="1">'
            '<PathSandeshData><peer type="string" identifier="1">10.0.0.1</peer><nh type="struct" identifier="2"><NhSandeshData>'
            '<type type="string" identifier="1">tunnel</type><ref_count type="u32" identifier="2">3</ref_count><valid type="string" identifier="3">true</valid>'
            '<policy type="string" identifier="4">disabled</policy><sip type="string" identifier="5">10.0.0.11</sip><dip type="string" identifier="6">10.0.1.%d</dip>'
            '<mac type="list" identifier="9"><list type="string" size="1"><element>00:00:5e:00:01:00</element></list></mac>'
            '<tunnel_type type="string" identifier="11">MPLSoUDP</tunnel_type><nh_index type="u32" identifier="19">%d</nh_index></NhSandeshData></nh>'
            '<label type="u32" identifier="3">%d</label><vxlan_id type="u32" identifier="4">0</vxlan_id>'
            '<dest_vn_list type="list" identifier="5"><list type="string" size="1"><element>default-domain:bench:vn0</element></list></dest_vn_list>'
            '<sg_list type="list" identifier="9"><list type="string" size="0"></list></sg_list>'
            '<communities type="list" identifier="10"><list type="string" size="1"><element>encapsulation:gre</element></list></communities>'
            '<path_preference_data type="struct" identifier="11"><PathPreferenceSandeshData><preference type="u32" identifier="2">200</preference></PathPreferenceSandeshData></path_preference_data>'
            '<active_label type="u32" identifier="12">%d</active_label></PathSandeshData></list></path_list></RouteUcSandeshData>') % (ip, i % 250 + 1, 100 + i % 1000, 16 + i % 100000, 16 + i % 100000)
def part(lo, hi, more):
    return ('<Inet4UcRouteResp type="sandesh"><route_list type="list" identifier="1"><list type="struct" size="%d">%s</list></route_list>'
            '<more type="bool" identifier="0">%s</more></Inet4UcRouteResp>') % (hi - lo, ''.join(route(i) for i in range(lo, hi)), more)
def doc(parts, nxt):
    return ('<?xml-stylesheet type="text/xsl" href="/universal_parse.xsl"?><__Inet4UcRouteResp_list type="slist">' + ''.join(parts) +
            '<Pagination type="sandesh"><req type="struct" identifier="1"><PageReqData><prev_page type="string" identifier="1" link="PageReq"></prev_page>'
            '<next_page type="string" identifier="2" link="PageReq">%s</next_page><first_page type="string" identifier="3" link="PageReq">%s</first_page>'
            '<all type="string" identifier="4" link="PageReq">%s</all><table_size type="u32" identifier="5">%d</table_size>'
            '<entries type="string" identifier="6">0-%d/%d</entries></PageReqData></req><more type="bool" identifier="0">false</more></Pagination>'
            '</__Inet4UcRouteResp_list>') % (nxt, COOKIE, COOKIE, n, n - 1, n)
first = doc([part(0, min(100, n), 'true')], 'begin:100,end:199,table:default-domain:bench:vn0:vn0.uc.route.0,').encode()
every = doc([part(lo, min(lo + 100, n), 'true') for lo in range(0, n, 100)], '').encode()
open(out + '/all.xml', 'wb').write(every)
if len(sys.argv) > 3:
    class H(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = every if self.path.startswith('/Snh_PageReq?x=') else first if self.path.startswith('/Snh_Inet4UcRouteReq?') else None
            if body is None:
                self.send_response(404); self.end_headers(); return
            self.send_response(200); self.send_header('Content-Length', str(len(body))); self.end_headers(); self.wfile.write(body)
        def log_message(self, *a): pass
    s = socketserver.TCPServer(('127.0.0.1', 0), H)
    open(out + '/addr', 'w').write('127.0.0.1:%d' % s.server_address[1])
    s.serve_forever()
PY
python3 "$W/gen.py" "$ROUTES" "$W" serve &
SRV=$!
for _ in $(seq 600); do [ -s "$W/addr" ] && break; sleep 0.1; done
ADDR=$(cat "$W/addr")

measure() { # name cmd...
  local name=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$W/t" "$@" > "$W/out" 2> "$W/err" || { echo "$name: failed: $(cat "$W/err")"; return 1; }
  read -r wall user sys rss < "$W/t"
  awk -v n="$name" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" -v l="$(wc -l < "$W/out")" \
    'BEGIN { printf "%-28s %6.2f s wall %6.2f s cpu %7.1f MB peak RSS %8d lines\n", n, w, u+s, r/1024, l }'
}
echo "ist vr route benchmark: $ROUTES routes ($(stat -c %s "$W/all.xml") bytes), $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
measure "vr route --file"        "$W/ist" --file "$W/all.xml" vr route
measure "vr route HTTP paged"    "$W/ist" --host "$ADDR" vr route -v 2
measure "vr route -d HTTP paged" "$W/ist" --host "$ADDR" vr route -v 2 -d
measure "vr route --lpm HTTP"    "$W/ist" --host "$ADDR" vr route -v 2 10.1.17.112 --lpm
grep -q '^10.1.17.112/32$' "$W/out" || { echo "lpm output wrong: $(head -3 "$W/out")"; exit 1; }
