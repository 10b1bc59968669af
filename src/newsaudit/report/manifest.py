"""What a batch leaves beside its reports: manifest.json (every report's key, status, outputs and
timings, read back by the next run to skip unchanged reports) and index.html, the front page that
links each report (templates/newsaudit/reports_index.html.j2)."""

from __future__ import annotations

import datetime
import json
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path

from .. import atomic, config, export

MANIFEST_VERSION = 1


def read_manifest(out_dir: Path) -> dict:
    try:
        manifest = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return manifest if manifest.get("version") == MANIFEST_VERSION else {}


def write_manifest(batch, results: list, finished: bool) -> None:
    counts = {"ok": sum(r.status == "ok" for r in results), "failed": sum(r.status != "ok" for r in results),
              "reused": sum(r.reused for r in results), "planned": len(batch.jobs)}
    manifest = {
        "version": MANIFEST_VERSION,
        "finished": finished,
        "written_at": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "command": batch.command,
        "data_dir": str(batch.data_dir),
        "data_key": batch.data_key,
        "inputs": batch.inputs,
        "code_hash": export.code_hash(),
        "git_commit": export.git_commit(),
        "versions": export.versions(),
        "counts": counts,
        "reports": [asdict(r) for r in results],
    }
    atomic.write_text_atomic(batch.out_dir / "manifest.json", json.dumps(manifest, indent=1, ensure_ascii=False))


@lru_cache(maxsize=1)
def _template():
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(config.TEMPLATES_DIR / "newsaudit"), autoescape=True,
        undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
    )
    return environment.get_template("reports_index.html.j2")


def index_html(batch, results: list) -> str:
    """The batch's front page: every report with its status and links; failures with the reason.
    Every value is escaped by the template (autoescape)."""
    return _template().render(
        results=results, failed=[r for r in results if r.status != "ok"], data_dir=str(batch.data_dir),
        command=batch.command, inputs=batch.inputs, git_commit=export.git_commit(), code_hash=export.code_hash(),
        versions=export.versions(),
        written_at=datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC"),
    )


def write_index(batch, results: list) -> None:
    atomic.write_text_atomic(batch.out_dir / "index.html", index_html(batch, results))
