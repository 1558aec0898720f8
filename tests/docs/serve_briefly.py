"""`planner serve` as the page-command tests run it: the server runs until someone stops it, so the test
starts it as written (on a free port), waits until it answers `/healthz`, and stops it.

    python -m tests.docs.serve_briefly [SERVE OPTIONS...]

Exit 0 when the server answered, 1 when it did not within a minute or ended by itself.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

#: How long the server may take to answer: starting the app on a loaded machine takes seconds.
_PATIENCE_SECONDS = 60.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def main(options: list[str]) -> int:
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "planner", "serve", *options, "--port", str(port)])
    try:
        deadline = time.monotonic() + _PATIENCE_SECONDS
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as answer:
                    if answer.status == 200:
                        print(f"planner serve answered on port {port}; stopped by the test")
                        return 0
            except OSError:
                time.sleep(0.3)
        return 1
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
