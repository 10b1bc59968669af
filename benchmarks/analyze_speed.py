"""The whole `newsaudit analyze` (the command line, in a fresh process each time) on real corpora.

    python benchmarks/analyze_speed.py            # BBC (2,225 articles) + the incremental rerun
    python benchmarks/analyze_speed.py --corpus   # 40,000 articles: one 500+ MB JSONL, 40,000 .json files

Default mode: articles/s with the default workers (the machine's cores) and with one worker (the
ratio between them), the split by stage from run.json `timings`, peak memory of the whole process
tree (the command and its worker processes: RSS summed, and PSS, which counts pages shared by the
forked workers once; RSS sampled every 0.1 s, PSS every 0.5 s), and the cold start (each run is a fresh process: no
caches inherited; the start-up alone is timed on one article). Then the incremental rerun: a
2,000-article corpus analysed, 100 articles added, analysed again; the rerun must take under 15%
of the first run.

--corpus builds, in a temporary folder deleted afterwards, 40,000 articles by repeating BBC and
PolNeAR texts with new ids, 500 outlets, dates over 2012-2019 and a dateline that keeps each
text unique; each record also carries the page's HTML (as scraper exports do), which brings the
JSONL file past 500 MB. Both layouts are analysed with the default workers: time and peak memory
(target: <= 2 GiB for the whole tree).

Needs ../shared/data (skips with a message without it). The machine's load average is printed:
other work on a shared machine slows every figure.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from newsaudit import config

GIB = 1024 ** 3
PAGE = os.sysconf("SC_PAGE_SIZE")
STAGES = ("load", "clean", "segment_sentiment", "sourcing", "stats", "reuse", "write")


# ------------------------------------------------------------------------- process-tree memory

def _children(pid: int) -> list[int]:
    try:
        import psutil

        return [p.pid for p in psutil.Process(pid).children(recursive=True)]
    except ImportError:
        pass
    except Exception:  # noqa: BLE001 - the process ended
        return []
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _rss(pid: int) -> int:
    """Resident set size of one process in bytes (0 when it has ended): /proc/PID/statm, cheap."""
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
    except (OSError, ValueError, IndexError):
        return 0


def _pss(pid: int) -> int:
    """Proportional set size of one process in bytes (shared pages split between their users), 0
    when it has ended. Reading smaps_rollup walks the page tables: milliseconds per process."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


class TreeMemory:
    """Samples the memory of a process and all its descendants: RSS every `interval` seconds,
    the process tree and PSS every `slow_every` samples. The sampler shares the cores with what it
    measures, so the costly readings (the tree from /proc, smaps_rollup) are taken less often;
    a process tree's memory grows over seconds, not milliseconds."""

    def __init__(self, pid: int, interval: float = 0.1, slow_every: int = 5):
        self.pid, self.interval, self.slow_every = pid, interval, slow_every
        self.peak_rss = self.peak_pss = 0
        self.peak_processes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        samples, pids = 0, [self.pid]
        while not self._stop.is_set():
            slow = samples % self.slow_every == 0
            if slow:
                pids = [self.pid] + _children(self.pid)
            sizes = [_rss(pid) for pid in pids]
            self.peak_rss = max(self.peak_rss, sum(sizes))
            self.peak_processes = max(self.peak_processes, sum(1 for size in sizes if size))
            if slow:
                self.peak_pss = max(self.peak_pss, sum(_pss(pid) or rss for pid, rss in zip(pids, sizes)))
            samples += 1
            self._stop.wait(self.interval)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def run_analyze(inputs: list[Path], out: Path, *options: str) -> dict:
    """`newsaudit analyze` in a fresh Python process: seconds, peak tree memory, run.json."""
    command = [sys.executable, "-m", "newsaudit.cli", "analyze", *map(str, inputs), "--out", str(out), "--quiet",
               *options]
    started = time.perf_counter()
    cpu = _children_cpu()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    memory = TreeMemory(child.pid)
    _, stderr = child.communicate()
    seconds = time.perf_counter() - started
    cpu = _children_cpu() - cpu
    memory.stop()
    if child.returncode != 0:
        raise SystemExit(f"analyze failed ({child.returncode}): {stderr.strip().splitlines()[-1:]}")
    info = json.loads((out / "run.json").read_text(encoding="utf-8"))
    return {"seconds": seconds, "cpu": cpu, "peak_rss": memory.peak_rss, "peak_pss": memory.peak_pss,
            "processes": memory.peak_processes, "info": info, "stderr": stderr}


def _children_cpu() -> float:
    """CPU seconds of the ended child processes (and the workers they waited for) so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def describe(label: str, result: dict, baseline: dict | None = None) -> None:
    counts = result["info"]["counts"]
    rate = counts["analysed"] / result["seconds"]
    ratio = f"  {baseline['seconds'] / result['seconds']:.2f}x the 1-worker run" if baseline else ""
    print(f"{label:<34} {result['seconds']:7.1f} s  {rate:7.1f} articles/s  peak tree RSS "
          f"{result['peak_rss'] / 2**20:6.0f} MB (PSS {result['peak_pss'] / 2**20:5.0f} MB, "
          f"{result['processes']} processes){ratio}")


def stage_split(info: dict) -> None:
    timings = info.get("timings", {})
    total = sum(timings.get(stage, 0.0) for stage in STAGES) or 1.0
    workers = info["options"].get("workers")
    print(f"  split by stage (seconds; clean..stats are summed over {workers} worker processes, "
          f"load/reuse/write are the main process):")
    print("   " + "  ".join(f"{stage} {timings.get(stage, 0.0):.1f} ({100 * timings.get(stage, 0.0) / total:.0f}%)"
                          for stage in STAGES))


def load_average() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


# ----------------------------------------------------------------------------------- BBC mode

def bbc_mode(scratch: Path) -> None:
    bbc = config.BBC_DIR
    print(f"machine: {os.cpu_count()} cores; {load_average()}; corpus {bbc}")
    one = scratch / "one"
    one.mkdir()
    shutil.copy(next(iter(sorted(bbc.rglob("*.txt")))), one / "article.txt")
    startup = run_analyze([one], scratch / "out-one")
    print(f"{'cold start (1 article, fresh process)':<34} {startup['seconds']:7.1f} s  peak tree RSS "
          f"{startup['peak_rss'] / 2**20:6.0f} MB")
    single = run_analyze([bbc], scratch / "out-1", "--workers", "1")
    describe("analyze BBC, 1 worker", single)
    default = run_analyze([bbc], scratch / "out-default")
    describe(f"analyze BBC, default workers ({default['info']['options']['workers']})", default, baseline=single)
    stage_split(default["info"])
    target = "met" if default["info"]["counts"]["analysed"] / default["seconds"] >= 100 else "NOT met"
    print(f"  target >= 100 articles/s with the default workers: {target}")
    print(f"  {load_average()}")
    incremental(scratch)


def incremental(scratch: Path, repeats: int = 3) -> None:
    """2,000 BBC articles analysed, 100 added, analysed again: `repeats` times, medians compared."""
    import statistics

    files = sorted(p for p in config.BBC_DIR.rglob("*.txt") if p.name.lower() != "readme.txt")
    firsts, reruns = [], []
    for attempt in range(repeats):
        corpus = scratch / f"growing-{attempt}"

        def add(paths):
            for path in paths:
                target = corpus / path.relative_to(config.BBC_DIR)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(path, target)

        add(files[:2000])
        out = scratch / f"out-growing-{attempt}"
        firsts.append(run_analyze([corpus], out))
        add(files[2000:2100])
        reruns.append(run_analyze([corpus], out))
        counts = reruns[-1]["info"]["counts"]
        print(f"  attempt {attempt + 1}: first {firsts[-1]['seconds']:.2f} s ({firsts[-1]['cpu']:.1f} s CPU), "
              f"rerun {reruns[-1]['seconds']:.2f} s ({reruns[-1]['cpu']:.1f} s CPU; reused {counts['reused']} of "
              f"{counts['analysed']}, {reruns[-1]['info'].get('chunks_copied', 0)} chunks copied unread); "
              f"{load_average()}")
        shutil.rmtree(corpus)
        shutil.rmtree(out)
    first = statistics.median(r["seconds"] for r in firsts)
    rerun = statistics.median(r["seconds"] for r in reruns)
    share = rerun / first
    cpu = {label: statistics.median(r["cpu"] for r in runs) for label, runs in (("first", firsts), ("rerun", reruns))}
    print(f"{'2,000 articles, first run (median)':<34} {first:7.2f} s  ({cpu['first']:.1f} s CPU)")
    print(f"{'+100 articles, rerun (median)':<34} {rerun:7.2f} s  ({cpu['rerun']:.1f} s CPU)")
    print(f"  the rerun took {100 * share:.1f}% of the first run (target < 15%: {'met' if share < 0.15 else 'NOT met'})")
    stage_split(sorted(reruns, key=lambda r: r["seconds"])[len(reruns) // 2]["info"])


# -------------------------------------------------------------------------------- corpus mode

def source_texts() -> list[tuple[str, str]]:
    """(title, text) of every BBC and PolNeAR article."""
    texts = []
    paths = sorted(p for p in config.BBC_DIR.rglob("*.txt") if p.name.lower() != "readme.txt")
    paths += sorted(config.POLNEAR_DIR.glob("*/text/*.txt"))
    for path in paths:
        text = path.read_bytes().decode("utf-8", errors="replace").replace("\r\n", "\n")
        title = next((line.strip() for line in text.splitlines() if line.strip()), path.stem)
        texts.append((title, text))
    return texts


_NAV = "".join(f'<li><a href="/section/{i}">Section {i}</a></li>' for i in range(60))
_RELATED = "".join(f'<li><a href="/related/{i}">A related headline about topic number {i}</a></li>' for i in range(40))
_STYLE = "body{font-family:Georgia,serif;margin:0}.nav li{display:inline-block;padding:4px}" * 40


def page_html(title: str, text: str, outlet: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n") if p.strip())
    return (f"<!DOCTYPE html><html><head><title>{title} | {outlet}</title><style>{_STYLE}</style></head><body>"
            f'<nav class="nav"><ul>{_NAV}</ul></nav><article><h1>{title}</h1>{paragraphs}</article>'
            f'<aside><h2>Related</h2><ul>{_RELATED}</ul></aside><footer>© {outlet}. All rights reserved.</footer>'
            "</body></html>")


def corpus_records(n: int = 40_000):
    texts = source_texts()
    rng = random.Random(20261127)
    first_day = dt.date(2012, 1, 1)
    for i in range(n):
        title, text = texts[i % len(texts)]
        outlet = f"Outlet {rng.randrange(500):03d}"
        day = first_day + dt.timedelta(days=rng.randrange(8 * 365))
        lines = text.split("\n", 1)
        body = f"{lines[0]}\n\n{outlet.upper()}, {day:%B %d, %Y} (copy {i // len(texts)}).\n{lines[1] if len(lines) > 1 else ''}"
        yield {
            "id": f"gen-{i:05d}",
            "title": title,
            "text": body,
            "outlet": outlet,
            "published": day.isoformat(),
            "url": f"https://www.{outlet.lower().replace(' ', '-')}.example/news/{day:%Y/%m}/{i}",
            "html": page_html(title, body, outlet),
        }


def corpus_mode(scratch: Path) -> None:
    print(f"machine: {os.cpu_count()} cores; {load_average()}; building 40,000 articles in {scratch}")
    jsonl = scratch / "corpus.jsonl"
    folder = scratch / "json"
    started = time.perf_counter()
    with open(jsonl, "w", encoding="utf-8") as handle:
        for record in corpus_records():
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    for record in corpus_records():
        target = folder / record["outlet"].replace(" ", "-") / f"{record['id']}.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    folder_bytes = sum(p.stat().st_size for p in folder.rglob("*.json"))
    print(f"built in {time.perf_counter() - started:.0f} s: {jsonl.name} {jsonl.stat().st_size / 1e6:.0f} MB; "
          f"{folder.name}/ 40,000 files, {folder_bytes / 1e6:.0f} MB")
    for label, inputs in (("one JSONL file", [jsonl]), ("40,000 .json files", [folder])):
        result = run_analyze(inputs, scratch / f"out-{label.split()[0]}")
        describe(f"analyze {label}", result)
        stage_split(result["info"])
        counts = result["info"]["counts"]
        print(f"  read {counts['read']}, analysed {counts['analysed']}, skipped {counts['skipped']}; "
              f"peak <= 2 GiB: {'met' if result['peak_rss'] <= 2 * GIB else 'NOT met (RSS)'}; {load_average()}")
        shutil.rmtree(scratch / f"out-{label.split()[0]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", action="store_true", help="the 40,000-article corpus (JSONL and .json files)")
    args = parser.parse_args(argv)
    if not config.BBC_DIR.exists() or (args.corpus and not config.POLNEAR_DIR.exists()):
        print(f"skipped: {config.SHARED_DATA_DIR} not present")
        return 0
    with tempfile.TemporaryDirectory(prefix="newsaudit-bench-") as scratch:
        (corpus_mode if args.corpus else bbc_mode)(Path(scratch))
    return 0


if __name__ == "__main__":
    sys.exit(main())
