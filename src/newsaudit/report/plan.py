"""Job planning: which reports a batch renders (the corpus overview, then one per article or per
outlet), from which analysed tables (INPUT itself, or DIR/data analysed now and reused while the
inputs do not change), under which file names, and the key that says whether a report from the
last run can be kept."""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

from .. import config, export, schema
from ..errors import UsageError
from . import manifest
from .command import DEFAULT_TIMEOUT
from .parameters import NotebookParameter, check_injection_safe, notebook_parameters, user_parameters

ARTICLE_NOTEBOOK = config.NOTEBOOKS_DIR / "10_article_report.ipynb"
CORPUS_NOTEBOOK = config.NOTEBOOKS_DIR / "11_corpus_report.ipynb"


@dataclass
class Job:
    report_id: str  # "corpus", "outlet/<name>", "article/<id>"
    kind: str
    title: str
    notebook: Path
    parameters: dict
    stem: str  # output path without suffix, relative to the output folder
    key: str = ""


@dataclass
class Result:
    report_id: str
    kind: str
    title: str
    notebook: str
    parameters: dict
    key: str
    status: str  # "ok" or "failed"
    error: str | None = None
    outputs: dict = field(default_factory=dict)
    seconds: float = 0.0
    reused: bool = False
    stages: dict = field(default_factory=dict)  # seconds per stage: execute, html, pdf


@dataclass
class Batch:
    out_dir: Path
    data_dir: Path
    jobs: list[Job]
    pdf: bool
    workers: int
    timeout: float
    force: bool
    quiet: bool
    command: str
    inputs: dict  # name -> sha256 of the analysed tables (and run.json)
    data_key: str | None
    previous: dict  # report_id -> manifest entry of the last run


def default_workers() -> int:
    """The machine's cores, as for `newsaudit analyze`."""
    from ..pipeline import default_workers as cores

    return cores()


def slug(text: str) -> str:
    """A file name for `text`: safe characters only, with a short hash when anything was changed,
    so that two different ids never share a file."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-.")[:80]
    if safe != text or not safe:
        safe = f"{safe or 'item'}-{hashlib.sha1(text.encode('utf-8')).hexdigest()[:8]}"
    return safe


def regenerate_command(args: argparse.Namespace) -> str:
    words = ["newsaudit", "report", *[str(p.resolve()) for p in args.inputs], "--out", str(args.out.resolve()),
             "--by", args.by]
    if args.parameters_file is not None:
        words += ["-f", str(args.parameters_file.resolve())]
    for name, value in args.parameter:
        words += ["-p", name, value]
    if args.pdf:
        words.append("--pdf")
    if args.no_clean:
        words.append("--no-clean")
    if args.timeout != DEFAULT_TIMEOUT:
        words += ["--timeout", str(args.timeout)]
    if args.workers is not None:
        words += ["--workers", str(args.workers)]
    return shlex.join(words)


def _usage(args: argparse.Namespace) -> tuple[list[Path], dict[Path, dict[str, NotebookParameter]], dict]:
    """The checks that need no data: options, inputs, Chromium, the notebooks and the parameters
    given; returns the notebooks, the parameters each declares, and the values chosen."""
    if args.workers is not None and args.workers < 1:
        raise UsageError("--workers must be at least 1")
    if args.timeout <= 0:
        raise UsageError("--timeout must be positive")
    for path in args.inputs:
        if not path.exists():
            raise UsageError(f"input {path} does not exist")
    if args.out.exists() and not args.out.is_dir():
        raise UsageError(f"--out {args.out} is not a folder")
    if args.pdf:
        from .chromium import find_chromium

        if find_chromium() is None:
            raise UsageError("--pdf needs Chromium, which is not on PATH (Debian: apt-get install chromium); "
                             "drop --pdf for HTML only")
    notebooks = [CORPUS_NOTEBOOK] + ([ARTICLE_NOTEBOOK] if args.by == "article" else [])
    declared_by: dict[Path, dict[str, NotebookParameter]] = {}
    for notebook in notebooks:
        if not notebook.exists():
            raise UsageError(f"report notebook {notebook} is missing")
        declared_by[notebook] = notebook_parameters(notebook)
    declared = {name: p for found in declared_by.values() for name, p in found.items()}
    return notebooks, declared_by, user_parameters(args.parameter, args.parameters_file, declared)


def early_workers(args: argparse.Namespace) -> int:
    """How many workers to start before the batch is planned (they start their kernels meanwhile):
    none unless it is sure they will be needed, i.e. a first (or --force) run over one folder of
    analysed tables, with more than one report and more than one worker. Checks the usage first."""
    _usage(args)
    workers = args.workers or default_workers()
    tables = args.inputs[0] / "articles.parquet"
    if (workers < 2 or args.by == "corpus" or len(args.inputs) != 1 or not (args.inputs[0] / "run.json").is_file()
            or not tables.is_file() or (not args.force and manifest.read_manifest(args.out.resolve()).get("reports"))):
        return 0
    import pyarrow.parquet as pq

    try:
        reports = 1 + pq.read_metadata(tables).num_rows
    except Exception:  # noqa: BLE001 - an unreadable table is reported by the planning that follows
        return 0
    return min(workers, reports) if reports > 1 else 0


def prepare_batch(args: argparse.Namespace) -> Batch:
    notebooks, declared_by, chosen = _usage(args)
    out_dir = args.out.resolve()
    previous_manifest = manifest.read_manifest(out_dir)
    data_dir, data_key = analysed_data(args, out_dir, previous_manifest)
    inputs = {name: export.file_sha256(data_dir / f"{name}.parquet")
              for name in schema.TABLE_NAMES if (data_dir / f"{name}.parquet").exists()}
    if (data_dir / "run.json").exists():
        inputs["run.json"] = export.file_sha256(data_dir / "run.json")
    jobs = plan_jobs(data_dir, args.by, chosen, declared_by=declared_by)
    notebook_hashes = {notebook: export.file_sha256(notebook) for notebook in notebooks}
    for job in jobs:
        check_injection_safe(job.parameters)
        job.key = report_key(job, inputs, notebook_hashes.get(job.notebook))
    return Batch(
        out_dir=out_dir, data_dir=data_dir, jobs=jobs, pdf=args.pdf, workers=args.workers or default_workers(),
        timeout=args.timeout, force=args.force, quiet=args.quiet, command=regenerate_command(args), inputs=inputs,
        data_key=data_key, previous={entry["report_id"]: entry for entry in previous_manifest.get("reports", [])},
    )


def analysed_data(args: argparse.Namespace, out_dir: Path, previous_manifest: dict) -> tuple[Path, str | None]:
    """The folder of analysed tables: INPUT itself when it is one (it has run.json), else DIR/data,
    analysed now unless the same inputs were analysed the same way last time."""
    if len(args.inputs) == 1 and args.inputs[0].is_dir() and (args.inputs[0] / "run.json").exists():
        data_dir = args.inputs[0].resolve()
        if not (data_dir / "articles.parquet").exists():
            raise UsageError(f"{args.inputs[0]} has a run.json but no articles.parquet")
        return data_dir, None
    for path in args.inputs:
        if path.is_dir() and out_dir.is_relative_to(path.resolve()):
            raise UsageError(f"--out {args.out} is inside INPUT {path}: the reports would be read as articles")
    data_dir = out_dir / "data"
    from .. import pipeline

    key = export.analysis_key(args.inputs, clean=not args.no_clean, model=pipeline.model_fingerprint())
    if previous_manifest.get("data_key") == key and (data_dir / "run.json").exists() \
            and (data_dir / "articles.parquet").exists():
        return data_dir, key
    tables, run_info = pipeline.analyze_paths(list(args.inputs), clean=not args.no_clean,
                                              workers=args.workers or default_workers(),
                                              progress=not args.quiet)
    if tables["articles"].empty:
        raise UsageError("no articles found in " + ", ".join(str(p) for p in args.inputs))
    pipeline.write_tables(tables, run_info, data_dir)
    return data_dir, key


def plan_jobs(data_dir: Path, by: str, chosen: dict, declared_by: dict[Path, dict]) -> list[Job]:
    import pandas as pd

    def parameters_for(notebook: Path, **fixed) -> dict:
        accepted = declared_by[notebook]
        return {"data_dir": str(data_dir), **fixed, **{k: v for k, v in chosen.items() if k in accepted}}

    jobs = [Job("corpus", "corpus", "Corpus overview", CORPUS_NOTEBOOK,
                parameters_for(CORPUS_NOTEBOOK, outlet="all"), "corpus")]
    articles = pd.read_parquet(data_dir / "articles.parquet", columns=["article_id", "title", "outlet", "published"])
    if articles.empty:
        raise UsageError(f"there are no articles in {data_dir}")
    if by == "outlet":
        outlets = sorted(articles["outlet"].dropna().astype(str).unique())
        jobs += [Job(f"outlet/{o}", "outlet", f"Outlet: {o}", CORPUS_NOTEBOOK,
                     parameters_for(CORPUS_NOTEBOOK, outlet=o), f"outlets/{slug(o)}") for o in outlets]
    elif by == "article":
        for article_id, title, outlet, published in articles.itertuples(index=False):
            date = pd.to_datetime(published, errors="coerce")
            label = " · ".join(str(x) for x in (title if isinstance(title, str) and title else article_id,
                                                outlet, "" if pd.isna(date) else f"{date:%Y-%m-%d}") if x)
            jobs.append(Job(f"article/{article_id}", "article", label, ARTICLE_NOTEBOOK,
                            parameters_for(ARTICLE_NOTEBOOK, article_id=str(article_id)), f"articles/{slug(str(article_id))}"))
    return jobs


def report_key(job: Job, inputs: dict, notebook_hash: str | None = None) -> str:
    material = {
        "notebook": notebook_hash or export.file_sha256(job.notebook), "inputs": inputs,
        "parameters": job.parameters, "code": export.code_hash(),
    }
    return hashlib.sha256(json.dumps(material, sort_keys=True, default=str).encode()).hexdigest()
