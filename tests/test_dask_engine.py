"""The Dask engine: same tables as the local engine, input order kept, bounded submission, clear errors."""

from __future__ import annotations

import time

import pandas as pd
import psutil
import pytest

pytest.importorskip("distributed")

from distributed import LocalCluster  # noqa: E402

from newsaudit import clean, config, dask_engine, load, pipeline, stats  # noqa: E402
from newsaudit.dask_engine import ChunkFailed, map_chunks  # noqa: E402
from newsaudit.errors import UsageError  # noqa: E402

KEYS = {
    "sentences": ["article_id", "sentence_id"],
    "attributions": ["article_id", "attribution_id"],
    "hedges": ["article_id", "sentence_id", "start", "end"],
    "article_stats": ["article_id"],
}


# Top-level so that worker processes can import them by name.
def _fail_on_second(chunk: pd.DataFrame):
    if chunk["n"].iat[0] == 1:
        raise ValueError("boom on purpose\nsecond line that must not show")
    return int(chunk["n"].iat[0])


def _first_is_slowest(chunk: pd.DataFrame) -> int:
    n = int(chunk["n"].iat[0])
    time.sleep(0.4 if n == 0 else 0.02)
    return n


@pytest.fixture(scope="module")
def sample_chunks() -> list[pd.DataFrame]:
    articles = clean.clean_articles(load.load_articles([config.SAMPLE_DIR]).articles)
    assert len(articles) >= 8
    return [articles.iloc[i:i + 4] for i in range(0, len(articles), 4)]


@pytest.fixture(scope="module")
def cluster():
    """A cluster started outside map_chunks, reached by its address like a user's cluster."""
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None, scheduler_kwargs={"dashboard_address": "127.0.0.1:0"}) as running:
        yield running


def _numbered(n: int) -> list[pd.DataFrame]:
    return [pd.DataFrame({"n": [i], "article_id": [f"a{i}"]}) for i in range(n)]


def _tables(results, chunks) -> dict[str, pd.DataFrame]:
    """The contract tables from per-chunk results, put together as analyze_articles does."""
    tables = pipeline.concat_analysed([r for r, _ in results])
    articles = pd.concat(chunks, ignore_index=True)
    tables["article_stats"] = stats.article_stats(
        articles, tables["sentences"], tables["attributions"], tables["hedges"]
    )
    return {
        name: frame.sort_values(KEYS[name], kind="stable").reset_index(drop=True)
        for name, frame in tables.items()
    }


def _assert_same_as_local(results, chunks):
    local = [pipeline.analyse_chunk(chunk) for chunk in chunks]
    assert len(results) == len(chunks)
    # in input order: chunk by chunk the same articles, the same tables
    for (got, got_failed), (want, want_failed) in zip(results, local):
        assert got_failed == want_failed
        for name in want:
            pd.testing.assert_frame_equal(got[name], want[name])
    got_tables, want_tables = _tables(results, chunks), _tables(local, chunks)
    assert len(want_tables["sentences"]) and len(want_tables["attributions"])
    for name in KEYS:
        pd.testing.assert_frame_equal(got_tables[name], want_tables[name])


def _children() -> set[int]:
    """Child processes, but not multiprocessing's resource tracker (it outlives every pool)."""
    pids = set()
    for child in psutil.Process().children(recursive=True):
        try:
            if child.is_running() and "resource_tracker" not in " ".join(child.cmdline()):
                pids.add(child.pid)
        except psutil.Error:
            pass
    return pids


def test_own_local_cluster_gives_the_local_tables(sample_chunks):
    before = _children()
    results = list(map_chunks(pipeline.analyse_chunk, sample_chunks, workers=2))
    _assert_same_as_local(results, sample_chunks)
    assert _children() <= before, "map_chunks left its cluster's processes running"


def test_existing_cluster_by_address_gives_the_local_tables(cluster, sample_chunks):
    results = list(map_chunks(pipeline.analyse_chunk, iter(sample_chunks), scheduler=cluster.scheduler_address))
    _assert_same_as_local(results, sample_chunks)


def test_order_kept_and_submission_bounded(cluster):
    chunks = _numbered(10)
    pulled = []

    def source():
        for chunk in chunks:
            pulled.append(int(chunk["n"].iat[0]))
            yield chunk

    out = []
    for result in map_chunks(_first_is_slowest, source(), scheduler=cluster.scheduler_address, max_in_flight=3):
        # at most 3 chunks on the cluster, plus the one submitted before handing this result back
        assert len(pulled) - len(out) <= 3 + 1
        out.append(result)
    assert out == list(range(10))


def test_empty_input_yields_nothing(cluster):
    assert list(map_chunks(pipeline.analyse_chunk, [], scheduler=cluster.scheduler_address)) == []


def test_failing_chunk_names_the_chunk_in_one_line(cluster):
    with pytest.raises(ChunkFailed) as caught:
        list(map_chunks(_fail_on_second, _numbered(6), scheduler=cluster.scheduler_address, max_in_flight=2))
    message = str(caught.value)
    assert message == "chunk 1 (1 article, a1) failed on Dask: ValueError: boom on purpose"
    assert isinstance(caught.value.__cause__, ValueError)
    # the run's other tasks were cancelled: nothing of it stays on the cluster
    deadline = time.time() + 5
    while cluster.scheduler.tasks and time.time() < deadline:
        time.sleep(0.1)
    assert not cluster.scheduler.tasks


def test_bad_arguments_fail_before_any_cluster_starts():
    with pytest.raises(UsageError, match="workers must be at least 1"):
        map_chunks(pipeline.analyse_chunk, [], workers=0)
    with pytest.raises(UsageError, match="max_in_flight"):
        map_chunks(pipeline.analyse_chunk, [], max_in_flight=0)


def test_unreachable_scheduler_is_a_usage_error(monkeypatch):
    monkeypatch.setattr(dask_engine, "CONNECT_TIMEOUT", "1s")
    with pytest.raises(UsageError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9"):
        list(map_chunks(pipeline.analyse_chunk, _numbered(1), scheduler="tcp://127.0.0.1:9"))


def test_failing_chunk_on_own_cluster_closes_it_first():
    before = _children()
    with pytest.raises(ChunkFailed, match=r"^chunk 1 \(1 article, a1\) failed on Dask: ValueError: boom on purpose$"):
        list(map_chunks(_fail_on_second, _numbered(4), workers=2))
    assert _children() <= before, "the cluster was not closed before the error reached the caller"


def test_stopping_early_cancels_the_rest(cluster):
    results = map_chunks(_first_is_slowest, _numbered(8), scheduler=cluster.scheduler_address, max_in_flight=4)
    assert next(results) == 0
    results.close()
    deadline = time.time() + 5
    while cluster.scheduler.tasks and time.time() < deadline:
        time.sleep(0.1)
    assert not cluster.scheduler.tasks
