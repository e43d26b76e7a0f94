"""#20 "Redaction leaks", end to end through the real command line: for each shape that used to
print a secret (a carriage return or U+2028 inside a quoted value, a value past the 200-character
cap, the undetected half of a key pair, ClearML's `key=` beside `secret=`, a secret in a file that
does not parse), neither the secret, nor any 12-character run of it, nor its plain SHA-256 appear
in any output: console, SARIF, JSON, the NIST report in every format, a baseline, scan errors,
the org history and the org reports."""

from __future__ import annotations

import hashlib
import json
import random
import string

import pytest

from scanner.secrets.redact import REDACTED
from tests.conftest import init_repo, run_cli
from tests.security.conftest import database_text

_RNG = random.Random(20)


def _random(n: int) -> str:
    return "".join(_RNG.choice(string.ascii_letters + string.digits) for _ in range(n))


AWS_KEY_ID = "AKIAZ7Q3M5X2W6R4T6YB"
HEX_SECRET = "9f3c2a7b1e8d4f6a0c5b3e9d2a7f1c8b4e6d0a3f"
CR_SECRET = ("Kx7qPm2Zt", "vR9tLw4NhJ3c")  # the value holds a carriage return between the parts
LS_SECRET = ("ab9Xq2Lr8", "Vx3Pm4Kt7Wz5")  # ... a U+2028 line separator
LONG_SECRET = _random(320)
CLEARML_KEY = "JYH3W9K6X2P7QZ4M1T8R"
CLEARML_SECRET = _random(50)
BROKEN_SECRET = _random(24)
# Shapes added for recall (#20): a key printed by a log line, a header value kept with its scheme,
# and long-tail prefixed formats (a Microsoft Entra refresh token, a Twitch stream key).
LOGGED_KEY = _random(32)
BEARER_VALUE = _random(36)
ENTRA_TOKEN = "0.A" + _random(60) + ".AgABAAEAAAD" + _random(300)
TWITCH_KEY = "live_418275903_" + _random(30)
# A key found only because its provider is named beside it (secrets/nearby.py), and a format of
# the long tail whose secret is one parameter of a URL (a Teams workflow signature).
NAMED_KEY = _random(32)
TEAMS_SIG = _random(43)

FILES = {
    "deploy/.env": f'DB_PASSWORD="{CR_SECRET[0]}\r{CR_SECRET[1]}"\nDEBUG=1\n',
    "config/app.json": '{"api_token": "' + LS_SECRET[0] + "\u2028" + LS_SECRET[1] + '"}\n',
    "deploy/long.env": f"API_SECRET={LONG_SECRET}\n",
    "creds/aws.txt": f"{AWS_KEY_ID}:{HEX_SECRET}\n",
    "train.py": (
        "from clearml import Task\n\n"
        f'Task.set_credentials(api_host="https://api.clear.ml", key="{CLEARML_KEY}", secret="{CLEARML_SECRET}")\n'
    ),
    "conf/broken.yaml": f'password: "{BROKEN_SECRET}"\nbad: [unclosed\n',
    "logs/client.log": f"[INFO] Sending request\n[DEBUG] Using Key={LOGGED_KEY}\n",
    "conf/api.yaml": f'api:\n  acme_auth_token: "Bearer {BEARER_VALUE}"\n',
    "conf/azure.json": '{"refresh_token": "' + ENTRA_TOKEN + '"}\n',
    "stream.env": f"STREAM_KEY={TWITCH_KEY}\n",
    "notes/apilayer.txt": f"call apilayer with {NAMED_KEY} for rates\n",
    "conf/teams.txt": (
        "https://acme.4f.environment.api.powerplatform.com:443/powerautomate/automations/direct/workflows/"
        f"0123456789abcdef0123456789abcdef/triggers/manual/paths/invoke?api-version=1&sig={TEAMS_SIG}\n"
    ),
}
# Each case: the file it sits in and the values that must never show.
CASES = {
    "carriage return in a quoted value": ("deploy/.env", ["".join(CR_SECRET), *CR_SECRET]),
    "U+2028 in a JSON string": ("config/app.json", ["".join(LS_SECRET), *LS_SECRET]),
    "value past the length cap": ("deploy/long.env", [LONG_SECRET]),
    "40-hex AWS secret beside its key id": ("creds/aws.txt", [AWS_KEY_ID, HEX_SECRET]),
    "ClearML key beside secret": ("train.py", [CLEARML_KEY, CLEARML_SECRET]),
    "secret in a file that does not parse": ("conf/broken.yaml", [BROKEN_SECRET]),
    "key printed by a Using log line": ("logs/client.log", [LOGGED_KEY]),
    "Bearer-prefixed value": ("conf/api.yaml", [BEARER_VALUE]),
    "Entra refresh token": ("conf/azure.json", [ENTRA_TOKEN]),
    "Twitch stream key": ("stream.env", [TWITCH_KEY]),
    "key named by its provider on the line": ("notes/apilayer.txt", [NAMED_KEY]),
    "Teams workflow signature": ("conf/teams.txt", [TEAMS_SIG]),
}


def _forbidden(values: list[str]) -> set[str]:
    """The value, every 12-character run of it, and the plain SHA-256 hex of each."""
    out = set()
    for value in values:
        runs = {value[i : i + 12] for i in range(max(1, len(value) - 11))}
        out |= runs | {hashlib.sha256(value.encode()).hexdigest()}
    return out


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Every output of one repository holding every case, keyed by where it came from."""
    tmp = tmp_path_factory.mktemp("redaction")
    repo = init_repo(tmp / "org" / "leaky", FILES)
    out: dict[str, str] = {}
    sarif, results, report = tmp / "r.sarif", tmp / "r.json", tmp / "r.md"
    scan = run_cli(
        "scan", repo, "--sarif-output", sarif, "--json-output", results, "--report-output", report, "--fail-on", "none"
    )
    assert scan.returncode == 0, scan.stderr
    out |= {"scan stdout": scan.stdout, "scan stderr": scan.stderr, "SARIF": sarif.read_text()}
    out |= {"JSON": results.read_text(), "report.md": report.read_text()}
    for ext in ("html", "json"):
        rendered = run_cli("report", results, "--output", tmp / f"r.{ext}")
        assert rendered.returncode == 0, rendered.stderr
        out[f"report.{ext}"] = (tmp / f"r.{ext}").read_text()
        out[f"report {ext} console"] = rendered.stdout + rendered.stderr
    base = run_cli("baseline", "create", repo, "--output", tmp / "baseline.json")
    assert base.returncode == 0, base.stderr
    out |= {"baseline": (tmp / "baseline.json").read_text(), "baseline console": base.stdout + base.stderr}
    db = tmp / "history.sqlite"
    org = run_cli("org", "scan", "--repos", tmp / "org", "--db", db, "--workers", "1", "--no-progress")
    assert org.returncode in (0, 1), org.stderr
    out["org scan console"] = org.stdout + org.stderr
    for ext in ("json", "md", "html"):
        org_report = run_cli("org", "report", "--db", db, "--output", tmp / f"org.{ext}")
        assert org_report.returncode == 0, org_report.stderr
        out[f"org report.{ext}"] = (tmp / f"org.{ext}").read_text()
    out["org history"] = database_text(db)
    return out


def test_every_case_is_found_and_shown_redacted(outputs: dict[str, str]) -> None:
    findings = json.loads(outputs["JSON"])["findings"]
    errors = json.loads(outputs["JSON"])["errors"]
    for name, (path, _) in CASES.items():
        mine = [f for f in findings if f["path"] == path and f["category"] == "secrets"]
        assert mine, f"{name}: no secret finding in {path}"
        assert all(REDACTED in f["snippet"] and "\r" not in f["snippet"] for f in mine), name
    assert any(e["path"] == "conf/broken.yaml" and e["kind"] == "parse" for e in errors)


@pytest.mark.parametrize("case", sorted(CASES))
def test_no_output_shows_the_secret_a_run_of_it_or_its_sha256(outputs: dict[str, str], case: str) -> None:
    forbidden = _forbidden(CASES[case][1])
    for where, text in outputs.items():
        # JSON escapes U+2028 and control characters: read the decoded text too.
        shown = [text, json.dumps(json.loads(text), ensure_ascii=False)] if where in ("JSON", "SARIF") else [text]
        for value in forbidden:
            assert all(value not in s for s in shown), f"{case}: {value!r} in {where}"
