"""Reader for brat standoff attribution annotations (the PolNeAR layout and plain folders).

Two layouts are understood:

- PolNeAR: `DIR/text/<doc>.txt` with `DIR/attributions/<doc>_<annotator>.ann` (one or more);
- plain: `<doc>.txt` beside `<doc>.ann` anywhere under `DIR`.

When a document has several annotators' files, the first in sorted order is the gold one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

Span = tuple[int, int]


@dataclass
class Attribution:
    """One attribution relation; each role is a list of `[start, end)` fragments (may be empty)."""

    source: list[Span] = field(default_factory=list)
    cue: list[Span] = field(default_factory=list)
    content: list[Span] = field(default_factory=list)


@dataclass
class Document:
    doc_id: str
    text: str
    attributions: list[Attribution]
    ann_path: Path | None = None


ROLE_NAMES = {"Source": "source", "Cue": "cue", "Content": "content"}


def parse_spans(offsets: str) -> list[Span]:
    """'12 20;25 30' -> [(12, 20), (25, 30)]."""
    spans = []
    for fragment in offsets.split(";"):
        start, end = fragment.split()
        spans.append((int(start), int(end)))
    return spans


def parse_ann(ann_text: str) -> list[Attribution]:
    """Attributions of one .ann file: every `E`/`R` line that ties Source/Cue/Content text-bound
    annotations together (an attribution without an `E`/`R` line is ignored)."""
    spans: dict[str, tuple[str, list[Span]]] = {}
    relations: list[list[tuple[str, str]]] = []
    for line in ann_text.splitlines():
        if not line.strip():
            continue
        parts = line.split("\t")
        ann_id = parts[0]
        if ann_id.startswith("T") and len(parts) >= 2:
            label, _, offsets = parts[1].partition(" ")
            spans[ann_id] = (label, parse_spans(offsets))
        elif ann_id[:1] in ("E", "R") and len(parts) >= 2:
            args = []
            for arg in parts[1].split()[1:] if ann_id.startswith("R") else parts[1].split():
                role, _, target = arg.partition(":")
                args.append((role, target))
            relations.append(args)
    attributions = []
    for args in relations:
        attribution = Attribution()
        for role, target in args:
            role_key = ROLE_NAMES.get(role.rstrip("0123456789"))
            if role_key and target in spans:
                getattr(attribution, role_key).extend(spans[target][1])
        if attribution.cue or attribution.content:
            for role_key in ROLE_NAMES.values():
                getattr(attribution, role_key).sort()
            attributions.append(attribution)
    return attributions


def find_documents(corpus_dir: Path) -> list[tuple[str, Path, Path]]:
    """(doc_id, txt_path, ann_path) of every annotated document under `corpus_dir`, sorted."""
    corpus_dir = Path(corpus_dir)
    found: dict[str, tuple[Path, Path]] = {}
    text_dir, ann_dir = corpus_dir / "text", corpus_dir / "attributions"
    if text_dir.is_dir() and ann_dir.is_dir():
        ann_by_doc: dict[str, list[Path]] = {}
        for ann in sorted(ann_dir.glob("*.ann")):
            for doc_id in {ann.stem, ann.stem.rsplit("_", 1)[0]}:
                ann_by_doc.setdefault(doc_id, []).append(ann)
        for txt in sorted(text_dir.glob("*.txt")):
            if txt.stem in ann_by_doc:
                found[txt.stem] = (txt, sorted(ann_by_doc[txt.stem])[0])
    for txt in sorted(corpus_dir.rglob("*.txt")):
        ann = txt.with_suffix(".ann")
        if ann.exists():
            doc_id = str(txt.relative_to(corpus_dir).with_suffix(""))
            found.setdefault(doc_id, (txt, ann))
    return [(doc_id, txt, ann) for doc_id, (txt, ann) in sorted(found.items())]


def read_text(path: Path) -> str:
    # newline="" keeps "\r\n" so that brat's character offsets stay valid.
    with open(path, encoding="utf-8", errors="replace", newline="") as handle:
        return handle.read()


def read_corpus(corpus_dir: Path) -> list[Document]:
    """Every annotated document of a brat folder (gold annotator's file for each)."""
    documents = []
    for doc_id, txt, ann in find_documents(corpus_dir):
        documents.append(Document(doc_id, read_text(txt), parse_ann(read_text(ann)), ann))
    return documents
