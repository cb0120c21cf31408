#!/usr/bin/env python3
"""Start moto's server in-process on a free loopback port and print `PORT <n>` once it listens.

Why a launcher instead of `moto_server -p N`: binding port 0 inside the server removes the race between picking
a free port and starting on it, and it is the one place where test-harness-only patches to moto live (see
../shared/MOTO-NOTES.md). The server stops when stdin closes or on SIGTERM/SIGINT.
"""
import os
import signal
import sys
import threading

os.environ.setdefault("MOTO_EC2_LOAD_DEFAULT_AMIS", "false")

from moto.moto_server.threaded_moto_server import ThreadedMotoServer  # noqa: E402


def main() -> None:
    host = os.environ.get("MOTO_HOST", "127.0.0.1")
    port = int(os.environ.get("MOTO_PORT", "0"))
    server = ThreadedMotoServer(ip_address=host, port=port, verbose=False)
    server.start()
    print(f"PORT {server.get_host_and_port()[1]}", flush=True)

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    if os.environ.get("MOTO_DETACH") != "1":
        # Tests hold our stdin open; when the test process dies, stdin closes and we exit with it.
        threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    stop.wait()
    server.stop()


if __name__ == "__main__":
    main()
