# Serves one fixture on 127.0.0.1 for any request path and appends each
# request URI to a log, so golden.sh can record what ist.py asked for.
# Usage: python3 serve.py <fixture.xml> <log>   (prints the port, then serves)
import http.server, sys

body = open(sys.argv[1], 'rb').read()
log = sys.argv[2]

class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        with open(log, 'a') as f:
            f.write(self.path + '\n')
        self.send_response(200)
        self.send_header('Content-Type', 'text/xml')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a):
        pass

s = http.server.HTTPServer(('127.0.0.1', 0), H)
print(s.server_address[1], flush=True)
s.serve_forever()
