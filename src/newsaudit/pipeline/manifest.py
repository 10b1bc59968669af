"""run.json, the manifest of a run: what was read, analysed, reused and skipped (with reasons), the
input hashes, versions, the fingerprint that decides whether a later run may reuse the tables, and
the seconds each stage took.
"""

from __future__ import annotations

import hashlib
import time

from .. import __version__, config, export


def model_fingerprint() -> str | None:
    """The attribution model's sha256 (16 hex digits), None when there is no model file."""
    path = config.ATTRIBUTION_MODEL
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16] if path.exists() else None


def fingerprint(clean_text: bool, model: str | None) -> str:
    """What the results of one article depend on besides its text and title: the package code,
    the attribution model and the cleaning switch (export.analysis_key with no inputs)."""
    return export.analysis_key([], clean=clean_text, model=model)


def run_info(stream, counts: dict, failed: list[dict], timings: dict, *, inputs, options: dict, started: float,
             analysis_fingerprint: str, model: str | None, reuse_counted: bool) -> dict:
    """The run.json of a run over `stream` (a load.ArticleStream, consumed)."""
    skipped = list(stream.skipped) + failed
    return {
        "newsaudit_version": __version__,
        "command_inputs": [str(p) for p in inputs],
        "options": options,
        "files_read": list(stream.files_read),
        "counts": {
            "read": counts["read_articles"] + len(stream.skipped),
            "analysed": counts["analysed"],
            "skipped": len(skipped),
            "duplicates": counts["duplicates"],
            **({"reused": counts["reused"]} if reuse_counted else {}),
        },
        "skipped": skipped,
        "ignored": list(getattr(stream, "ignored", [])),  # found in folders, not articles
        "input_hashes": dict(stream.input_hashes),
        "versions": export.versions(),
        "attribution_model": model,
        "analysis_fingerprint": analysis_fingerprint,
        "chunks": counts["chunks"],
        "tasks": counts["tasks"],
        "chunks_copied": counts.get("copied", 0),  # from the previous run, their files not read
        "timings": {stage: round(seconds, 3) for stage, seconds in timings.items()},
        "seconds": round(time.time() - started, 3),
    }
