"""No dead code in the product (issue 16): vulture over `assistant ingest eval scripts` at
60 % confidence finds nothing but the framework entry points of tests/dead_code_whitelist.py,
each listed there with who calls it."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WHITELIST = Path(__file__).with_name("dead_code_whitelist.py")
MIN_CONFIDENCE = 60


def test_vulture_finds_no_dead_code():
    run = subprocess.run([sys.executable, "-m", "vulture", "assistant", "ingest", "eval", "scripts", str(WHITELIST),
                          "--min-confidence", str(MIN_CONFIDENCE)], cwd=ROOT, capture_output=True, text=True)
    findings = [line for line in run.stdout.splitlines() if line.strip()]
    assert run.returncode in (0, 3), run.stderr  # 3: vulture found dead code (listed below)
    assert not findings, "dead code (remove it, or whitelist a framework entry point with who calls it):\n" + \
        "\n".join(findings)


def test_every_whitelisted_name_says_who_calls_it_and_still_exists():
    sources = "\n".join(p.read_text(encoding="utf-8") for d in ("assistant", "ingest", "eval", "scripts")
                        for p in (ROOT / d).rglob("*.py"))
    for line in WHITELIST.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, _, why = line.partition("#")
        assert why.strip(), f"{name.strip()}: say who calls it"
        assert name.strip() in sources, f"{name.strip()} is whitelisted but no longer in the code: drop the line"

