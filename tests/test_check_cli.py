"""The check and audit commands through the installed console script (subprocess)."""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from assistant.config import REPO_ROOT

EXE = str(REPO_ROOT / ".venv" / "bin" / "hds-assistant")
ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False",
       "ANONYMIZED_TELEMETRY": "False", "HDS_TODAY": "2021-09-28"}


def run(*args):
    return subprocess.run([EXE, *args], capture_output=True, text=True, env=ENV, timeout=60)


def test_check_json_and_default_date_from_hds_today():
    r = run("check", "--provider", "OVHcloud", "--offer", "Hosted Private Cloud", "--data", "health",
            "--customer", "state", "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["verdict"] == "eligible" and out["as_of"] == "2021-09-28"
    assert {"verdict", "provider", "offer", "data", "customer", "as_of", "rules", "missing_facts", "conditions",
            "recommendations", "caveats", "offers"} <= set(out)


def test_check_with_fact_and_french_text():
    r = run("check", "--provider", "Azure", "--data", "health", "--customer", "state", "--as-of", "2024-06-01",
            "--fact", "breach_impact=true")
    assert r.returncode == 0, r.stderr
    assert "Verdict : Non éligible" in r.stdout and "pas un avis juridique" in r.stdout and "2024-06-01" in r.stdout


def test_usage_errors_exit_2():
    for args in (["--provider", "Azure", "--data", "secret"], ["--provider", "Azure", "--data", "health", "--customer", "alien"],
                 ["--provider", "Azure", "--data", "health", "--as-of", "28/09/2021"],
                 ["--provider", "Azure", "--data", "health", "--fact", "colour=blue"]):
        r = run("check", *args)
        assert r.returncode == 2, (args, r.stderr)
        assert r.stderr.startswith("hds-assistant:") and "Traceback" not in r.stderr


def test_batch_with_a_bad_line(tmp_path: Path):
    batch = tmp_path / "q.jsonl"
    batch.write_text("\n".join([
        json.dumps({"provider": "Microsoft", "offer": "Azure", "data": ["health"], "customer": "state_operator", "as_of": "2021-09-28"}),
        "{not json",
        json.dumps({"provider": "Azure", "data": ["alien"], "customer": "state"}),
        json.dumps({"provider": "AWS", "offer": None, "data": ["personal"], "customer": "state", "as_of": "2021-10-01",
                    "facts": {"particularly_sensitive": False}}),
        json.dumps({"provider": "AWS", "offer": None, "data": ["personal"], "customer": "state", "as_of": "2021-10-01"}),
    ]) + "\n", encoding="utf-8")
    r = run("check", "--batch", str(batch))
    assert r.returncode == 3
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    # the last line does not say whether the data are sensitive: open world, so undetermined
    assert [x.get("verdict") for x in lines] == ["not_eligible", None, None, "eligible", "undetermined"]
    assert lines[4]["missing_facts"][0]["question"]
    assert lines[1]["line"] == 2 and "error" in lines[1] and "error" in lines[2]


def test_missing_batch_file_exits_3(tmp_path):
    r = run("check", "--batch", str(tmp_path / "nope.jsonl"))
    assert r.returncode == 3 and "batch file" in r.stderr


def test_audit_text_json_and_file(tmp_path):
    r = run("audit", "Office 365 est interdit aux ministères. Azure pourrait convenir ?", "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert [c["provider"] for c in out["claims"]] == ["Microsoft"] and out["claims"][0]["agrees"] is True
    f = tmp_path / "note.txt"
    f.write_text("Microsoft Azure peut héberger les données de santé du Health Data Hub.", encoding="utf-8")
    r = run("audit", "--file", str(f))
    assert r.returncode == 0 and "CONTREDIT" in r.stdout
    assert run("audit").returncode == 2
    assert run("audit", "--file", str(tmp_path / "missing.txt")).returncode == 3
