"""Known vulnerabilities in the pinned dependencies: pip-audit over constraints.txt, and
`npm audit --omit=dev` (high and critical) over the SPA's runtime packages. Part of `make lint`.

Fails on any vulnerability found that is not accepted below with its reason. When a
vulnerability service cannot be reached (a machine without access to it), the audit says so
loudly and does not fail: a lint that cannot run offline would block every build there.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = ROOT / ".venv" / "bin"

# Accepted advisories, each with why it does not reach us.
ACCEPTED = {
    # ecdsa (via python-jose): Minerva timing side channel in ECDSA signing, no fixed release.
    # Sammen signs and verifies HS256 only (core/security.py refuses every other algorithm).
    "GHSA-wj6h-64fc-37mp": "ecdsa timing side channel; we never sign with ECDSA",
    "CVE-2024-23342": "the same advisory under its CVE id",
}


def audit_python() -> bool:
    command = [
        str(VENV_BIN / "pip-audit"),
        "--requirement",
        str(ROOT / "constraints.txt"),
        "--no-deps",
        "--disable-pip",
        "--progress-spinner",
        "off",
        "--format",
        "json",
        *(arg for vuln in ACCEPTED for arg in ("--ignore-vuln", vuln)),
    ]
    run = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    try:
        report = json.loads(run.stdout)
    except json.JSONDecodeError:
        print(f"pip-audit: could not run: {run.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
        return run.returncode == 0
    dependencies = report.get("dependencies", [])
    skipped = [d for d in dependencies if "skip_reason" in d]
    found = [(d["name"], d["version"], v["id"]) for d in dependencies for v in d.get("vulns", [])]
    for name, version, vuln in found:
        print(f"pip-audit: {name} {version}: {vuln}", file=sys.stderr)
    if dependencies and len(skipped) == len(dependencies):
        print("pip-audit: WARNING: the vulnerability service could not be reached; nothing was audited")
    else:
        print(f"pip-audit: {len(dependencies) - len(skipped)} packages audited, {len(found)} vulnerabilities")
    return not found


def audit_node() -> bool:
    frontend = ROOT / "frontend"
    if not (frontend / "package.json").exists():
        return True
    run = subprocess.run(
        ["npm", "audit", "--omit=dev", "--audit-level=high", "--json"],  # noqa: S607
        cwd=frontend,
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        report = json.loads(run.stdout or "{}")
    except json.JSONDecodeError:
        report = {}
    counts = report.get("metadata", {}).get("vulnerabilities")
    if counts is None:
        lines = [
            line for line in run.stderr.splitlines() if "error" in line and "log of this run" not in line
        ]
        reason = report.get("error", {}).get("summary") or (lines[0] if lines else "no answer")
        print(f"npm audit: WARNING: the audit service could not be used ({reason}); nothing was audited")
        return True
    serious = int(counts.get("high", 0)) + int(counts.get("critical", 0))
    print(f"npm audit: {serious} high or critical vulnerabilities in runtime packages")
    if serious:
        print(json.dumps(report.get("vulnerabilities", {}), indent=1)[:4000], file=sys.stderr)
    return serious == 0


def main() -> int:
    python_ok = audit_python()
    node_ok = audit_node()
    return 0 if python_ok and node_ok else 1


if __name__ == "__main__":
    sys.exit(main())
