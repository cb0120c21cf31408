#!/usr/bin/env python3
"""A minimal keep-alive HTTP/1.1 server on a free loopback port for AWSClientBench: every request gets `200 {}`
(a DynamoDB PutItem answer). Prints `PORT <n>` once it listens; stops when stdin closes.

It runs in its own process so that the bench's CPU clock counts only the client (encode, sign, transport).
"""
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

BODY = b"{}"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        self.send_response(200)
        self.send_header("Content-Type", "application/x-amz-json-1.0")
        self.send_header("Content-Length", str(len(BODY)))
        self.send_header("x-amzn-RequestId", "bench")
        self.end_headers()
        self.wfile.write(BODY)

    def log_message(self, *args):
        pass


def main() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"PORT {server.server_address[1]}", flush=True)
    sys.stdin.read()  # until the bench closes our stdin
    server.shutdown()


if __name__ == "__main__":
    main()
