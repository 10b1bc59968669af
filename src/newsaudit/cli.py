"""`newsaudit` command line: analyze, report, evaluate, train-attributions.

Exit status: 0 success, 1 some work failed (reported), 2 bad usage or unusable input. Errors are
one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import __version__
from .errors import UsageError, one_line
from .report import command as report_command


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line instead of usage + message
        raise UsageError(f"{message} (see '{self.prog} --help')")


def _column_map(pairs: list[str]) -> dict[str, str]:
    from .load import COLUMN_ALIASES

    mapping = {}
    for pair in pairs:
        ours, sep, theirs = (part.strip() for part in pair.partition("="))
        if not sep or not ours or not theirs:
            raise UsageError(f"--column expects FIELD=COLUMN, got {pair!r}")
        if ours not in COLUMN_ALIASES:
            raise UsageError(f"--column: unknown field {ours!r}; fields: {', '.join(COLUMN_ALIASES)}")
        mapping[ours] = theirs
    return mapping


def _refuse_out_inside_inputs(out: Path, inputs: list[Path]) -> None:
    """Tables written inside an input folder would be read back as articles on the next run."""
    for item in inputs:
        if Path(item).is_dir() and Path(out).resolve().is_relative_to(Path(item).resolve()):
            raise UsageError(f"--out {out} is inside INPUT {item}: choose a folder outside the inputs")


def cmd_analyze(args) -> int:
    from . import pipeline

    _refuse_out_inside_inputs(args.out, args.inputs)
    if args.out.exists() and not args.out.is_dir():
        raise UsageError(f"--out {args.out} exists and is not a folder")
    if args.chunk_size < 1:
        raise UsageError("--chunk-size must be at least 1")
    if args.scheduler is not None and args.engine != "dask":
        raise UsageError("--scheduler needs --engine dask")

    def note(message: str) -> None:
        print(message, file=sys.stderr)

    if args.outlets is not None:
        from .load import InputError, read_outlet_aliases

        try:
            read_outlet_aliases(args.outlets)  # a bad table is bad usage, before any work
        except InputError as err:
            raise UsageError(str(err)) from err
    run_info = pipeline.analyze_to_dir(
        args.inputs, args.out, clean=not args.no_clean, workers=args.workers,
        column_map=_column_map(args.column), progress=not args.quiet, engine=args.engine,
        scheduler=args.scheduler, chunk_size=args.chunk_size, reuse=not args.force, on_previous=note,
        outlet_aliases=args.outlets,
    )
    for item in run_info["skipped"]:
        print(f"skipped {item['input']}: {item['reason']}", file=sys.stderr)
    if run_info.get("ignored"):
        print(f"ignored {len(run_info['ignored'])} files that are not articles (README, LICENSE, hidden, "
              f"metadata): listed in {args.out / 'run.json'}", file=sys.stderr)
    counts = run_info["counts"]
    if counts["analysed"] == 0:
        raise UsageError(f"no usable input: {counts['read']} read, all skipped")
    if not args.force:
        print(f"reused {counts['reused']} of {counts['analysed']} articles from the previous run in {args.out}",
              file=sys.stderr)
    print(
        f"analysed {counts['analysed']} of {counts['read']} read ({counts['skipped']} skipped, "
        f"{counts['duplicates']} duplicates) -> {args.out}",
        file=sys.stderr,
    )
    return 0


def cmd_evaluate_attributions(args) -> int:
    from .evaluation import attributions

    result = attributions.evaluate_attributions(args.gold_dir, model_path=args.model)
    print(attributions.format_attribution_report(result))
    return 0


def cmd_evaluate_crossval(args) -> int:
    from .evaluation import crossval

    if args.folds < 2:
        raise UsageError("--folds must be at least 2")
    if args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    try:
        result = crossval.cross_validate(args.corpus_dir, k=args.folds, jobs=args.jobs)
    except ValueError as err:  # no annotated documents, fewer documents than folds
        raise UsageError(str(err)) from err
    print(crossval.format_crossval_report(result))
    return 0


def cmd_evaluate_sources(args) -> int:
    from .evaluation import sources

    try:
        result = sources.evaluate_sources(args.gold_dir, half=args.half)
    except ValueError as err:  # not a sources gold folder
        raise UsageError(str(err)) from err
    print(sources.format_sources_report(result))
    return 0


def cmd_evaluate_sentiment(args) -> int:
    from .evaluation import sentiment

    print(sentiment.format_sentiment_report(sentiment.evaluate_sentiment(args.gt_dir)))
    return 0


def cmd_train_attributions(args) -> int:
    from . import sourcing

    summary = sourcing.train_model(args.corpus_dir, args.out)
    for key, value in summary.items():
        print(f"{key}: {value}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="newsaudit", description="Who a news article cites, how, and in what tone.")
    parser.add_argument("--version", action="version", version=f"newsaudit {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    analyze = commands.add_parser("analyze", help="analyse articles into Parquet tables")
    analyze.add_argument("inputs", nargs="+", type=Path, metavar="INPUT",
                         help="file or folder (read recursively): .txt, .html, .csv, .tsv, .jsonl, .parquet")
    analyze.add_argument("--out", required=True, type=Path, help="folder for the tables and run.json")
    analyze.add_argument("--no-clean", action="store_true", help="keep text == raw_text (offsets match the files)")
    analyze.add_argument("--workers", type=int, default=None, metavar="N",
                         help="worker processes, or Dask workers of a local cluster (default: the machine's "
                              f"cores, {os.cpu_count() or 1} here)")
    analyze.add_argument("--engine", choices=("local", "dask"), default="local",
                         help="local: a process pool on this machine (default); dask: a Dask cluster")
    analyze.add_argument("--scheduler", metavar="ADDRESS", default=None,
                         help="with --engine dask: an existing cluster's scheduler, e.g. tcp://10.0.0.5:8786 "
                              "(default: start a local cluster)")
    analyze.add_argument("--chunk-size", type=int, default=200, metavar="N",
                         help="articles per chunk: read together, cleaned with one split-word vocabulary and "
                              "written as one Parquet row group; memory grows with it (default 200)")
    analyze.add_argument("--force", action="store_true",
                         help="analyse every article again instead of reusing results already in --out")
    analyze.add_argument("--column", action="append", default=[], metavar="FIELD=COLUMN",
                         help="map a table column to a field, e.g. text=body (repeatable)")
    analyze.add_argument("--outlets", type=Path, metavar="CSV",
                         help="outlet aliases: a CSV with columns alias,outlet merging labels of one outlet")
    analyze.add_argument("--quiet", action="store_true", help="no progress bar")
    analyze.set_defaults(func=cmd_analyze)

    report = commands.add_parser("report", help="render HTML (and PDF) reports with an index.html")
    report_command.add_arguments(report)
    report.set_defaults(func=report_command.run)

    evaluate = commands.add_parser("evaluate", help="score against annotated data")
    targets = evaluate.add_subparsers(dest="target", required=True, parser_class=_Parser)
    ev_attr = targets.add_parser("attributions", help="precision/recall/F1 against brat annotations")
    ev_attr.add_argument("gold_dir", type=Path, metavar="GOLD_DIR")
    ev_attr.add_argument("--model", type=Path, default=None, help="attribution model (default: bundled)")
    ev_attr.set_defaults(func=cmd_evaluate_attributions)
    ev_cv = targets.add_parser("crossval", help="k-fold cross-validation of the attribution model on brat annotations")
    ev_cv.add_argument("corpus_dir", type=Path, metavar="CORPUS_DIR")
    ev_cv.add_argument("--folds", type=int, default=5, metavar="K", help="number of folds (default 5)")
    ev_cv.add_argument("--jobs", type=int, default=1, metavar="N", help="folds trained at once (default 1)")
    ev_cv.set_defaults(func=cmd_evaluate_crossval)
    ev_src = targets.add_parser("sources", help="who is cited: speakers, types, official and anonymous shares")
    ev_src.add_argument("gold_dir", type=Path, metavar="GOLD_DIR",
                        help="folder with text/*.txt and gold.jsonl (sources/GUIDELINES.md format)")
    ev_src.add_argument("--half", choices=("all", "first", "second"), default="all",
                        help="score the first or second half of the articles (in gold.jsonl order) only")
    ev_src.set_defaults(func=cmd_evaluate_sources)
    ev_sent = targets.add_parser("sentiment", help="VADER paper reproduction on its ground truth")
    ev_sent.add_argument("gt_dir", type=Path, metavar="GT_DIR")
    ev_sent.set_defaults(func=cmd_evaluate_sentiment)

    train = commands.add_parser("train-attributions", help="train the attribution model on brat annotations")
    train.add_argument("corpus_dir", type=Path, metavar="CORPUS_DIR")
    train.add_argument("--out", required=True, type=Path, metavar="MODEL")
    train.set_defaults(func=cmd_train_attributions)
    return parser


def _check_paths(args) -> None:
    for name in ("inputs", "gold_dir", "gt_dir", "corpus_dir"):
        value = getattr(args, name, None)
        paths = value if isinstance(value, list) else [value] if value is not None else []
        missing = [str(p) for p in paths if not Path(p).exists()]
        if missing and (name != "inputs" or len(missing) == len(paths)):
            raise UsageError(f"no such file or folder: {', '.join(missing)}")
    if getattr(args, "workers", 1) is not None and getattr(args, "workers", 1) < 1:
        raise UsageError("--workers must be at least 1")


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        _check_paths(args)
        return args.func(args)
    except UsageError as err:
        print(f"newsaudit: error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("newsaudit: interrupted", file=sys.stderr)
        return 130
    except OSError as err:
        print(f"newsaudit: error: {err}", file=sys.stderr)
        return 2
    except Exception as err:  # noqa: BLE001 - a bug must still end in one line, not a traceback
        print(f"newsaudit: internal error: {one_line(err)} (set NEWSAUDIT_DEBUG=1 for the traceback)",
              file=sys.stderr)
        if os.environ.get("NEWSAUDIT_DEBUG"):
            raise
        return 1


if __name__ == "__main__":
    sys.exit(main())
