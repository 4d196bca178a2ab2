#!/usr/bin/env python3
"""Save-to-reload latency of `prfaq serve --watch`.

Starts the server on a library, listens to its reload events like an open
page does, then edits one document EDITS times and measures, for each save,
the time from the file being written to the reload event arriving. Prints
the median in seconds (and every sample on stderr). Restores the document.

    scripts/reload_latency.py PRFAQ_BINARY LIBRARY_ROOT [EDITS]
"""
import http.client
import pathlib
import statistics
import subprocess
import sys
import threading
import time


def main():
    binary, root = sys.argv[1], pathlib.Path(sys.argv[2])
    edits = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    document = sorted((root / "content").rglob("*.md"))[0]
    original = document.read_text(encoding="utf-8")
    server = subprocess.Popen(
        [binary, "serve", "--watch", "--port", "0", "--root", str(root)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    try:
        line = server.stdout.readline()  # "Serving http://127.0.0.1:PORT/ ..."
        url = next(word for word in line.split() if word.startswith("http://"))
        host_port, base = url[len("http://"):].split("/", 1)
        events = []
        arrived = threading.Event()

        def listen():
            host, port = host_port.split(":")
            connection = http.client.HTTPConnection(host, int(port))
            connection.request("GET", "/" + base + "__prfaq/events")
            response = connection.getresponse()
            while True:
                raw = response.fp.readline()
                if not raw:
                    return
                if raw.startswith(b"event: reload"):
                    events.append(time.perf_counter())
                    arrived.set()

        threading.Thread(target=listen, daemon=True).start()
        time.sleep(1.0)
        samples = []
        for i in range(edits):
            arrived.clear()
            text = original.replace('title = "', f'title = "Edit {i} ', 1)
            written = time.perf_counter()
            document.write_text(text, encoding="utf-8")
            if not arrived.wait(10):
                raise SystemExit(f"no reload event within 10 s after edit {i}")
            samples.append(events[-1] - written)
            time.sleep(0.3)  # let the editor's next save be a separate change
        print(" ".join(f"{s * 1000:.0f}ms" for s in samples), file=sys.stderr)
        print(f"{statistics.median(samples):.4f}")
    finally:
        document.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
