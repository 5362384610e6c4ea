"""The SQLite export as Datasette serves it: a real `datasette` on 127.0.0.1, read through its
JSON API (a table, a record's sources through a join, full-text search, the metadata), stopped
whatever happens. Skipped where datasette is not installed."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

pytest.importorskip("datasette")

STARTUP_SECONDS = 60


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def served(run, tmp_path):
    database = tmp_path / "asean.db"
    assert run("export", "--format", "sqlite", str(database)).exit_code == 0
    metadata = tmp_path / "asean.metadata.json"
    assert metadata.exists()
    port = _free_port()
    log = open(tmp_path / "datasette.log", "wb")
    server = subprocess.Popen([sys.executable, "-m", "datasette", "serve", str(database), "-m", str(metadata),
                               "-h", "127.0.0.1", "-p", str(port)], stdout=log, stderr=subprocess.STDOUT,
                              stdin=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                with urllib.request.urlopen(base + "/-/versions.json", timeout=5):
                    break
            except (urllib.error.URLError, ConnectionError, OSError):
                if server.poll() is not None or time.monotonic() > deadline:
                    log.flush()
                    pytest.fail("datasette did not start:\n" + (tmp_path / "datasette.log").read_text("utf-8", "replace"))
                time.sleep(0.2)

        def get(path: str, **params):
            query = ("?" + urllib.parse.urlencode(params)) if params else ""
            with urllib.request.urlopen(base + path + query, timeout=30) as answer:
                return json.load(answer)

        yield get
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)
        log.close()


def test_datasette_serves_the_export(served):
    meetings = served("/asean/meetings.json", id="ammtc-17", _shape="array")
    assert meetings[0]["host"] == "id" and "Labuan" in meetings[0]["city"]

    # a record's sources: record_sources links the meeting, and the source shows its title
    labelled = served("/asean/record_sources.json", meeting="ammtc-17", _shape="array", _labels="on")
    assert labelled and all(r["meeting"]["value"] == "ammtc-17" for r in labelled)
    assert all(r["source"]["label"] for r in labelled)
    joined = served("/asean.json", _shape="array", sql="select s.url from record_sources r join sources s "
                    "on s.id = r.source where r.meeting = 'ammtc-17'")
    assert joined and all(r["url"] for r in joined)

    # full-text search reaches what meetings adopted
    found = served("/asean/meetings.json", _search="scam", _shape="array")
    assert "ammtc-18" in {r["id"] for r in found}

    metadata = served("/-/metadata.json")
    assert metadata["license"] == "CC BY 4.0" and metadata["title"]
    tables = metadata["databases"]["asean"]["tables"]
    assert tables["meetings"]["columns"]["adopted"] and tables["sources"]["label_column"] == "title"
