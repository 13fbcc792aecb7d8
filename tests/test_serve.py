"""hooks/data_lifecycle.py: `mkdocs serve` rebuilds when a data file changes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import yaml


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - a local test server
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def wait_for(url: str, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in fetch(url):
            return True
        time.sleep(0.5)
    return False


def test_editing_a_case_study_rebuilds_its_page(project_copy: Path) -> None:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project_copy,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        url = f"http://127.0.0.1:{port}/cases/kirari-yoshijima/"
        case = project_copy / "data" / "cases" / "kirari-yoshijima.yml"
        text = case.read_text(encoding="utf-8")
        original = yaml.safe_load(text)["name"]["ja"]
        assert wait_for(url, original, 120), "the served site never showed the case study"
        case.write_text(text.replace(original, "編集後の名称テスト", 1), encoding="utf-8")
        assert wait_for(url, "編集後の名称テスト", 120), "the page was not rebuilt after the data file changed"
    finally:
        server.terminate()
        server.wait(timeout=30)
