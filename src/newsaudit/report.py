"""`newsaudit report`: render the report notebooks in batch, as HTML (and PDF), with an index.

    newsaudit report INPUT... --out DIR [--by article|outlet|corpus] [-p NAME VALUE]... [-f params.yaml]
                     [--pdf] [--workers N] [--timeout SECONDS] [--no-clean] [--force]

INPUT is raw articles (files or folders; analysed into DIR/data/ first, and reused while the inputs
do not change) or one folder of analysed tables (it holds a run.json). The corpus overview
(notebooks/11_corpus_report.ipynb) is always rendered, plus one report per article
(10_article_report.ipynb) or per outlet (11 again, with `outlet` set).

Reports run in warm kernels (kernels.py), one per worker process. A report that fails does not stop
the batch: its executed notebook (with the error) is kept, and index.html, manifest.json and the
exit status (1) say which failed and why. A rerun skips reports whose inputs, notebook, code and
parameters are unchanged (the key stored in manifest.json). Every file is written atomically.
"""

from __future__ import annotations

import argparse
import ast
import concurrent.futures
import datetime
import hashlib
import html
import json
import multiprocessing
import os
import re
import shlex
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from . import atomic, config, export
from .errors import UsageError

ARTICLE_NOTEBOOK = config.NOTEBOOKS_DIR / "10_article_report.ipynb"
CORPUS_NOTEBOOK = config.NOTEBOOKS_DIR / "11_corpus_report.ipynb"
TABLE_FILES = ("articles", "sentences", "attributions", "hedges", "article_stats")
MANIFEST_VERSION = 1
DEFAULT_TIMEOUT = 600.0
# Parameters the runner sets itself, per notebook.
RUNNER_PARAMETERS = {"data_dir", "article_id", "outlet"}


# --- command line ---------------------------------------------------------------------------------

def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="+", type=Path, metavar="INPUT",
                        help="raw article files or folders, or one folder of analysed tables (with run.json)")
    parser.add_argument("--out", required=True, type=Path, metavar="DIR", help="folder to write the reports into")
    parser.add_argument("--by", choices=("article", "outlet", "corpus"), default="article",
                        help="one report per article (default) or per outlet, besides the corpus overview; "
                             "'corpus': the overview only")
    parser.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                        help="set a notebook parameter (repeatable); the value is read as the parameter's type")
    parser.add_argument("-f", "--parameters-file", type=Path, metavar="YAML",
                        help="notebook parameters from a YAML mapping (-p wins over it)")
    parser.add_argument("--pdf", action="store_true", help="also print each report to PDF with headless Chromium")
    parser.add_argument("--workers", type=int, default=1, metavar="N",
                        help="worker processes, each with its own warm kernel (default 1)")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                        help="longest a notebook cell may run before its kernel is replaced (default 600)")
    parser.add_argument("--no-clean", action="store_true", help="analyse raw inputs without scrape-noise cleaning")
    parser.add_argument("--force", action="store_true", help="render every report again, even if unchanged")
    parser.add_argument("--quiet", action="store_true", help="no progress bars")


def run(args: argparse.Namespace) -> int:
    """Exit status: 0 all reports rendered, 1 some failed, 2 bad usage or unusable input."""
    batch = prepare_batch(args)  # a UsageError here reaches the CLI: exit 2, one line
    results = run_batch(batch)
    failed = [r for r in results if r.status != "ok"]
    print(f"{len(results) - len(failed)} of {len(results)} reports ok"
          + (f", {len(failed)} failed (see {batch.out_dir / 'index.html'})" if failed else "")
          + f"; {sum(r.reused for r in results)} unchanged and skipped", file=sys.stderr)
    return 1 if failed else 0


# --- parameters -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class NotebookParameter:
    name: str
    type_name: str  # "str", "int", "float", "bool" or "any"
    default: object


def notebook_parameters(notebook: Path) -> dict[str, NotebookParameter]:
    """The parameters declared in the cell tagged `parameters`: `name: type = literal  # help`."""
    cells = json.loads(Path(notebook).read_text(encoding="utf-8"))["cells"]
    source = next(("".join(c["source"]) for c in cells if "parameters" in c.get("metadata", {}).get("tags", [])), None)
    if source is None:
        return {}
    found = {}
    for statement in ast.parse(source).body:
        if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
            default = ast.literal_eval(statement.value) if statement.value is not None else None
            annotation = ast.unparse(statement.annotation)
            type_name = annotation if annotation in ("str", "int", "float", "bool") else "any"
            found[statement.target.id] = NotebookParameter(statement.target.id, type_name, default)
        elif isinstance(statement, ast.Assign) and len(statement.targets) == 1 and isinstance(statement.targets[0], ast.Name):
            default = ast.literal_eval(statement.value)
            type_name = type(default).__name__ if type(default) in (str, int, float, bool) else "any"
            found[statement.targets[0].id] = NotebookParameter(statement.targets[0].id, type_name, default)
    return found


def _plain(value: object) -> bool:
    if isinstance(value, (str, int, float, bool)) or value is None:
        return True
    if isinstance(value, list):
        return all(_plain(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    return False


def coerce_parameter(parameter: NotebookParameter, value: object, from_command_line: bool) -> object:
    """`value` as the parameter's type. Command-line values are text: a `str` parameter takes it
    as it is, other types read it as a YAML scalar. Nothing is ever evaluated as code."""
    expected = parameter.type_name
    if from_command_line and expected == "str":
        return value
    if from_command_line:
        try:
            value = yaml.safe_load(value)
        except yaml.YAMLError:
            pass  # plain text stays text
    if expected == "str":
        if isinstance(value, (datetime.date, int, float)) and not isinstance(value, bool):
            return value.isoformat() if isinstance(value, datetime.date) else str(value)
        if isinstance(value, str):
            return value
    elif expected == "int":
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    elif expected == "float":
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
    elif expected == "bool":
        if isinstance(value, bool):
            return value
    elif _plain(value):
        return value
    raise UsageError(f"parameter {parameter.name} expects {expected}, got {value!r}")


def user_parameters(pairs: list[list[str]], parameters_file: Path | None,
                    declared: dict[str, NotebookParameter]) -> dict[str, object]:
    """Validated values of the parameters given with -f and -p, checked against `declared`."""
    given: list[tuple[str, object, bool]] = []
    if parameters_file is not None:
        try:
            loaded = yaml.safe_load(parameters_file.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as error:
            raise UsageError(f"cannot read parameters file {parameters_file}: {error}".splitlines()[0]) from error
        if loaded is None:
            loaded = {}
        if not isinstance(loaded, dict):
            raise UsageError(f"parameters file {parameters_file} must hold a mapping of name: value")
        given += [(str(name), value, False) for name, value in loaded.items()]
    given += [(name, value, True) for name, value in pairs]
    values: dict[str, object] = {}
    settable = sorted(set(declared) - RUNNER_PARAMETERS)
    for name, value, from_command_line in given:
        if name in RUNNER_PARAMETERS:
            raise UsageError(f"parameter {name} is set by newsaudit report itself (from INPUT and --by)")
        if name not in declared:
            raise UsageError(f"unknown parameter {name!r}; the report notebooks take: {', '.join(settable) or 'none'}")
        values[name] = coerce_parameter(declared[name], value, from_command_line)
    return values


def check_injection_safe(parameters: dict[str, object]) -> None:
    """papermill writes parameters into the notebook as Python source: make sure each one reads
    back as the same literal value, so that no value can ever run as code."""
    from papermill.translators import PythonTranslator

    for name, value in parameters.items():
        source = PythonTranslator.translate(value)
        try:
            if ast.literal_eval(source) == value or value != value:  # NaN never equals itself
                continue
        except (ValueError, SyntaxError):
            pass
        raise UsageError(f"parameter {name} cannot be passed safely to the notebook: {value!r}")


# --- planning -------------------------------------------------------------------------------------

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
    words += ["--workers", str(args.workers)]
    return shlex.join(words)


def prepare_batch(args: argparse.Namespace) -> Batch:
    if args.workers < 1:
        raise UsageError("--workers must be at least 1")
    if args.timeout <= 0:
        raise UsageError("--timeout must be positive")
    for path in args.inputs:
        if not path.exists():
            raise UsageError(f"input {path} does not exist")
    if args.pdf:
        from .chromium import find_chromium

        if find_chromium() is None:
            raise UsageError("--pdf needs Chromium, which is not on PATH (Debian: apt-get install chromium); "
                             "drop --pdf for HTML only")
    notebooks = [CORPUS_NOTEBOOK] + ([ARTICLE_NOTEBOOK] if args.by == "article" else [])
    declared: dict[str, NotebookParameter] = {}
    for notebook in notebooks:
        if not notebook.exists():
            raise UsageError(f"report notebook {notebook} is missing")
        declared.update(notebook_parameters(notebook))
    chosen = user_parameters(args.parameter, args.parameters_file, declared)

    out_dir = args.out.resolve()
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"--out {args.out} is not a folder")
    previous_manifest = read_manifest(out_dir)
    data_dir, data_key = analysed_data(args, out_dir, previous_manifest)
    inputs = {name: export.file_sha256(data_dir / f"{name}.parquet")
              for name in TABLE_FILES if (data_dir / f"{name}.parquet").exists()}
    if (data_dir / "run.json").exists():
        inputs["run.json"] = export.file_sha256(data_dir / "run.json")
    jobs = plan_jobs(data_dir, args.by, chosen, declared_by={nb: notebook_parameters(nb) for nb in notebooks})
    for job in jobs:
        check_injection_safe(job.parameters)
        job.key = report_key(job, inputs)
    return Batch(
        out_dir=out_dir, data_dir=data_dir, jobs=jobs, pdf=args.pdf, workers=args.workers, timeout=args.timeout,
        force=args.force, quiet=args.quiet, command=regenerate_command(args), inputs=inputs, data_key=data_key,
        previous={entry["report_id"]: entry for entry in previous_manifest.get("reports", [])},
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
    from . import pipeline

    key = analysis_key(args.inputs, clean=not args.no_clean, model=pipeline.model_fingerprint())
    if previous_manifest.get("data_key") == key and (data_dir / "run.json").exists() \
            and (data_dir / "articles.parquet").exists():
        return data_dir, key
    tables, run_info = pipeline.analyze_paths(list(args.inputs), clean=not args.no_clean, workers=args.workers,
                                              progress=not args.quiet)
    if tables["articles"].empty:
        raise UsageError("no articles found in " + ", ".join(str(p) for p in args.inputs))
    pipeline.write_tables(tables, run_info, data_dir)
    return data_dir, key


def analysis_key(inputs: list[Path], clean: bool, model: str | None) -> str:
    """sha256 over every input file's path and content, the cleaning switch, the package's code and
    the attribution model: tables analysed by other code or another model are not reused."""
    digest = hashlib.sha256(f"clean={clean}\ncode={export.code_hash()}\nmodel={model}\n".encode())
    for root in sorted(p.resolve() for p in inputs):
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in files:
            digest.update(f"{path}\0{export.file_sha256(path)}\n".encode())
    return digest.hexdigest()


def plan_jobs(data_dir: Path, by: str, chosen: dict, declared_by: dict[Path, dict]) -> list[Job]:
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


def report_key(job: Job, inputs: dict) -> str:
    material = {
        "notebook": export.file_sha256(job.notebook), "inputs": inputs, "parameters": job.parameters,
        "code": export.code_hash(),
    }
    return hashlib.sha256(json.dumps(material, sort_keys=True, default=str).encode()).hexdigest()


# --- running --------------------------------------------------------------------------------------

def can_reuse(job: Job, batch: Batch) -> bool:
    entry = batch.previous.get(job.report_id)
    if batch.force or not entry or entry.get("key") != job.key or entry.get("status") != "ok":
        return False
    needed = ["html", "ipynb"] + (["pdf"] if batch.pdf else [])
    outputs = entry.get("outputs", {})
    return all(kind in outputs and (batch.out_dir / outputs[kind]).exists() for kind in needed)


def run_batch(batch: Batch) -> list[Result]:
    from tqdm import tqdm

    batch.out_dir.mkdir(parents=True, exist_ok=True)
    for leftover in batch.out_dir.glob("**/.*.tmp.*"):  # temporary files of a run that was killed
        leftover.unlink(missing_ok=True)
    results: dict[str, Result] = {}
    todo = []
    for job in batch.jobs:
        if can_reuse(job, batch):
            entry = batch.previous[job.report_id]
            results[job.report_id] = Result(**{**entry, "title": job.title, "reused": True})
        else:
            todo.append(job)
    settings = {"out_dir": str(batch.out_dir), "pdf": batch.pdf, "timeout": batch.timeout, "command": batch.command,
                "inputs": batch.inputs}
    progress = tqdm(total=len(batch.jobs), initial=len(batch.jobs) - len(todo), desc="reports", unit="report",
                    file=sys.stderr, dynamic_ncols=True, disable=batch.quiet)
    last_save = time.monotonic()
    try:
        for result in _execute_all(todo, settings, batch.workers):
            results[result.report_id] = result
            progress.update(1)
            if time.monotonic() - last_save > 2.0:  # a killed run can still resume from here
                write_manifest(batch, _in_plan_order(batch, results), finished=False)
                last_save = time.monotonic()
    finally:
        progress.close()
        ordered = _in_plan_order(batch, results)
        write_manifest(batch, ordered, finished=True)
        atomic.write_text_atomic(batch.out_dir / "index.html", index_html(batch, ordered))
    return ordered


def _in_plan_order(batch: Batch, results: dict[str, Result]) -> list[Result]:
    return [results[job.report_id] for job in batch.jobs if job.report_id in results]


def _execute_all(jobs: list[Job], settings: dict, workers: int):
    if not jobs:
        return
    if workers == 1 or len(jobs) == 1:
        try:
            for job in jobs:
                yield render_report(job, settings)
        finally:
            _close_worker()
        return
    # spawn, not fork: kernels and browsers hold sockets and threads that a fork would copy.
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=context,
                                                initializer=_init_worker) as pool:
        futures = {pool.submit(render_report, job, settings): job for job in jobs}
        try:
            for future in concurrent.futures.as_completed(futures):
                job = futures[future]
                try:
                    yield future.result()
                except Exception as error:  # the worker process itself died
                    yield _failure(job, f"worker process failed: {type(error).__name__}: {error}", {}, 0.0)
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise


_browser = None


def _init_worker() -> None:
    from multiprocessing.util import Finalize

    Finalize(None, _close_worker, exitpriority=10)


def _close_worker() -> None:
    global _browser
    from . import kernels

    if _browser is not None:
        _browser.close()
        _browser = None
    kernels.shutdown_all()


def _failure(job: Job, error: str, outputs: dict, seconds: float) -> Result:
    return Result(job.report_id, job.kind, job.title, job.notebook.name, job.parameters, job.key, "failed",
                  error=error, outputs=outputs, seconds=round(seconds, 3))


class _NothingToKeep(Exception):
    pass


def _execute(job: Job, output: Path, timeout: float):
    """(executed notebook or None, error message or None); the notebook is written to `output`."""
    import nbformat

    from . import kernels

    try:
        return kernels.execute(job.notebook, output, job.parameters, cwd=config.NOTEBOOKS_DIR, timeout=timeout), None
    except kernels.PapermillExecutionError as failure:
        error = f"{failure.ename}: {failure.evalue} (cell {failure.exec_count})".splitlines()[0]
        return nbformat.read(output, as_version=4), error  # papermill wrote it, error banner included
    except kernels.KernelReplaced as failure:
        if failure.notebook is not None:
            nbformat.write(failure.notebook, output)
        return failure.notebook, str(failure).splitlines()[0]
    except Exception as failure:  # a broken notebook file, a kernel that cannot start, ...
        return None, f"{type(failure).__name__}: {failure}".splitlines()[0]


def render_report(job: Job, settings: dict) -> Result:
    """Execute one notebook in this process's warm kernel, export it to HTML (and PDF); never
    raises for a failing report, but returns a failed Result saying why."""
    started = time.perf_counter()
    out_dir = Path(settings["out_dir"])
    paths = {kind: out_dir / f"{job.stem}.{kind}" for kind in ("ipynb", "html", "pdf")}
    outputs: dict[str, str] = {}
    error = None
    try:
        with atomic.replacing(paths["ipynb"]) as temporary:
            notebook, error = _execute(job, temporary, settings["timeout"])
            if notebook is None:
                raise _NothingToKeep(error)
    except _NothingToKeep:
        return _failure(job, error or "no notebook was produced", outputs, time.perf_counter() - started)
    outputs["ipynb"] = paths["ipynb"].relative_to(out_dir).as_posix()
    try:
        page = export.notebook_html(notebook, provenance(job, settings), title=job.title)
        atomic.write_text_atomic(paths["html"], page)
        outputs["html"] = paths["html"].relative_to(out_dir).as_posix()
        if settings["pdf"] and error is None:
            _print_pdf(paths["html"], paths["pdf"])
            outputs["pdf"] = paths["pdf"].relative_to(out_dir).as_posix()
    except Exception as failure:
        error = error or f"export failed: {type(failure).__name__}: {failure}".splitlines()[0]
    seconds = time.perf_counter() - started
    if error:
        paths["pdf"].unlink(missing_ok=True)  # never leave a PDF of an earlier, successful run beside it
        return _failure(job, error, outputs, seconds)
    return Result(job.report_id, job.kind, job.title, job.notebook.name, job.parameters, job.key, "ok",
                  outputs=outputs, seconds=round(seconds, 3))


def _print_pdf(html_path: Path, pdf_path: Path) -> None:
    global _browser
    from .chromium import Chromium, ChromiumError

    if _browser is None:
        _browser = Chromium()
    try:
        _browser.print_pdf(html_path, pdf_path)
    except ChromiumError:
        _browser.close()  # a fresh browser for the next report
        _browser = None
        raise


def provenance(job: Job, settings: dict) -> dict:
    words = ["papermill", str(job.notebook), f"{job.stem}.ipynb", "-k", "python3", "--cwd", str(config.NOTEBOOKS_DIR)]
    for name, value in job.parameters.items():
        words += ["-r" if isinstance(value, str) else "-y", name,
                  value if isinstance(value, str) else json.dumps(value)]
    return {
        "report_id": job.report_id,
        "notebook": job.notebook.name,
        "parameters": {name: json.dumps(value, ensure_ascii=False) for name, value in job.parameters.items()},
        "inputs": {**settings["inputs"], job.notebook.name: export.file_sha256(job.notebook)},
        "versions": export.versions(),
        "git_commit": export.git_commit(),
        "code_hash": export.code_hash(),
        "rendered_at": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC"),
        "command": settings["command"],
        "papermill_command": shlex.join(words),
    }


# --- manifest and index ---------------------------------------------------------------------------

def read_manifest(out_dir: Path) -> dict:
    try:
        manifest = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return manifest if manifest.get("version") == MANIFEST_VERSION else {}


def write_manifest(batch: Batch, results: list[Result], finished: bool) -> None:
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


def index_html(batch: Batch, results: list[Result]) -> str:
    """The batch's front page: every report with its status and links; failures with the reason."""
    e = html.escape
    failed = [r for r in results if r.status != "ok"]
    rows = []
    for r in results:
        links = " ".join(f'<a href="{e(r.outputs[kind])}">{kind.upper() if kind != "ipynb" else "notebook"}</a>'
                         for kind in ("html", "pdf", "ipynb") if kind in r.outputs)
        status = "ok" + (" (unchanged)" if r.reused else "") if r.status == "ok" else "FAILED"
        reason = f'<div class="reason">{e(r.error)}</div>' if r.error else ""
        title = (f'<a href="{e(r.outputs["html"])}">{e(r.title)}</a>' if "html" in r.outputs else e(r.title))
        rows.append(f'<tr class="{e(r.status)}"><td>{title}{reason}</td><td>{e(r.kind)}</td>'
                    f"<td>{e(status)}</td><td>{links}</td><td>{r.seconds:.2f}</td></tr>")
    summary = (f"{len(results) - len(failed)} of {len(results)} reports rendered"
               + (f", <strong>{len(failed)} failed</strong>" if failed else ""))
    failure_list = "".join(f"<li>{e(r.title)}: {e(r.error or '')}</li>" for r in failed)
    inputs = "".join(f"<li><code>{e(n)}</code> sha256 <code>{e(d)}</code></li>" for n, d in batch.inputs.items())
    versions = ", ".join(f"{e(n)} {e(v)}" for n, v in export.versions().items())
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>newsaudit reports</title>
<style>
body {{ font-family: "DejaVu Sans", Arial, sans-serif; max-width: 64rem; margin: 1.5rem auto; padding: 0 1rem; color: #222; }}
table {{ border-collapse: collapse; width: 100%; font-size: 0.9em; }}
th, td {{ text-align: left; padding: 0.3em 0.6em; border-bottom: 1px solid #ddd; vertical-align: top; overflow-wrap: anywhere; }}
th {{ border-bottom: 2px solid #555; }}
td:nth-child(n+2), th:nth-child(n+2) {{ white-space: nowrap; overflow-wrap: normal; }}
tr.failed td {{ background: #fbeaea; }}
.reason {{ color: #a00; font-size: 0.85em; white-space: pre-wrap; }}
.failures {{ border: 1px solid #d99; background: #fbeaea; padding: 0.5em 1em; }}
footer {{ margin-top: 2em; font-size: 0.8em; color: #555; overflow-wrap: anywhere; }}
</style></head>
<body>
<h1>newsaudit reports</h1>
<p>{summary}. Analysed tables: <code>{e(str(batch.data_dir))}</code>.</p>
{f'<div class="failures"><h2>Failed</h2><ul>{failure_list}</ul></div>' if failed else ''}
<table><thead><tr><th>report</th><th>kind</th><th>status</th><th>files</th><th>seconds</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody></table>
<footer>
<p>Regenerate: <code>{e(batch.command)}</code> (reports whose inputs, notebook, code and parameters are unchanged are skipped).</p>
<p>Inputs:</p><ul>{inputs}</ul>
<p>Code: {e(export.git_commit() or "not in a git checkout")}; package source sha256 <code>{e(export.code_hash())}</code>.</p>
<p>Software: {versions}.</p>
<p>Written {e(datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC"))}.</p>
</footer>
</body></html>
"""
