"""The CRF tagger: BIO labels from brat gold spans, training (`train_model`) and the bundled
model (`load_model`), which tags each token of a paragraph as SOURCE, CUE or CONTENT."""

from __future__ import annotations

import bisect
import time
from functools import lru_cache
from pathlib import Path

from .. import atomic, brat, config
from ..segment import sentence_spans
from .features import Block, article_blocks, block_features

ROLE_OF_FIELD = {"source": "SRC", "cue": "CUE", "content": "CON"}


def block_labels(block: Block, spans: list[tuple[str, int, int, int]]) -> list[str]:
    """BIO labels; `spans` are (role, start, end, priority): higher priority wins on overlap."""
    labels = ["O"] * len(block.words)
    owner = [(-1, -1)] * len(block.words)
    block_start, block_end = block.starts[0], block.ends[-1]
    for span_index, (role, start, end, priority) in enumerate(spans):
        if end <= block_start or start >= block_end:
            continue
        first = bisect.bisect_left(block.ends, start + 1)
        for i in range(first, len(block.words)):
            if block.starts[i] >= end:
                break
            if priority > owner[i][0]:
                owner[i] = (priority, span_index)
                labels[i] = role
    out = []
    for i, label in enumerate(labels):
        if label == "O":
            out.append("O")
        elif i and owner[i - 1][1] == owner[i][1] and labels[i - 1] == label:
            out.append("I-" + label)
        else:
            out.append("B-" + label)
    return out


def gold_spans(document: brat.Document) -> list[tuple[str, int, int, int]]:
    spans = []
    priorities = {"CUE": 3, "SRC": 2, "CON": 1}
    for attribution in document.attributions:
        for field_name, role in ROLE_OF_FIELD.items():
            for start, end in getattr(attribution, field_name):
                spans.append((role, start, end, priorities[role]))
    return spans



class Model:
    """A trained CRF tagger, loaded once per path."""

    def __init__(self, path: Path):
        import pycrfsuite

        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(str(path))

    def labels(self, block: Block) -> list[str]:
        return self.tagger.tag(block_features(block))


@lru_cache(maxsize=4)
def _load_model(path: str, mtime: float) -> Model:
    return Model(Path(path))


def load_model(model_path: Path | str | None = None) -> Model | None:
    """The CRF model at `model_path` (default: the bundled one); None when there is none."""
    path = Path(model_path) if model_path else config.ATTRIBUTION_MODEL
    if not path.exists():
        if model_path:
            raise FileNotFoundError(f"attribution model not found: {path}")
        return None
    return _load_model(str(path), path.stat().st_mtime)


def train_model(corpus_dir: Path, out: Path, c1: float = 4.0, c2: float = 0.01,
                max_iterations: int = 200, min_freq: int = 2) -> dict:
    """Train the CRF from a brat-annotated folder; write it atomically to `out`; return stats."""
    import pycrfsuite

    started = time.perf_counter()
    documents = brat.read_corpus(Path(corpus_dir))
    if not documents:
        raise ValueError(f"no annotated documents (.txt with .ann) found in {corpus_dir}")
    trainer = pycrfsuite.Trainer(verbose=False)
    n_tokens = n_blocks = n_attributions = 0
    for document in documents:
        spans = gold_spans(document)
        n_attributions += len(document.attributions)
        starts = [s for s, _ in sentence_spans(document.text)]
        for block in article_blocks(document.text, starts):
            trainer.append(block_features(block), block_labels(block, spans))
            n_tokens += len(block.words)
            n_blocks += 1
    trainer.set_params({
        "c1": c1, "c2": c2, "max_iterations": max_iterations,
        "feature.minfreq": min_freq, "feature.possible_transitions": True,
    })
    out = Path(out)
    with atomic.replacing(out) as temporary:
        trainer.train(str(temporary))
    return {
        "documents": len(documents), "attributions": n_attributions, "blocks": n_blocks,
        "tokens": n_tokens, "seconds": round(time.perf_counter() - started, 1),
        "model_bytes": out.stat().st_size, "model": str(out),
    }


