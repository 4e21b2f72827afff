"""The summary and the exports are headless: no textual, no rich."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_summary_and_exports_leave_textual_and_rich_out() -> None:
    code = (
        "import sys, json\n"
        "import netbalance.core.summary, netbalance.actions.summary, netbalance.exports.document\n"
        "import netbalance.exports.md, netbalance.exports.html_page, netbalance.exports.csv_rows\n"
        "import netbalance.exports.json_doc, netbalance.exports.ics, netbalance.exports.colours\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich'})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert json.loads(result.stdout) == []
