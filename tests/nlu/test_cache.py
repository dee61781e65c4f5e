"""The fitted engine saved in the data directory, keyed by what built it."""

from __future__ import annotations

from dataclasses import replace

from madoguchi.nlu import ArticleRecord, Understander
from madoguchi.nlu.cache import cache_key, load_or_build

KB = [
    ArticleRecord(
        "pw",
        "en",
        "login",
        "Reset your password",
        examples=("forgot my password", "cannot log in", "password reset link"),
    ),
    ArticleRecord(
        "dep",
        "en",
        "deposit",
        "Deposit not credited",
        examples=("deposit missing", "deposit never arrived", "where is my deposit"),
    ),
]


def test_key_changes_with_any_article_field():
    base = cache_key(KB)
    assert cache_key(list(reversed(KB))) == base  # order does not matter
    assert cache_key([replace(KB[0], examples=("x",)), KB[1]]) != base
    assert cache_key([replace(KB[0], body="new"), KB[1]]) != base


def test_second_load_reads_the_file_instead_of_training(tmp_path):
    first = load_or_build(KB, tmp_path)
    files = list(tmp_path.glob("understander-*.pickle"))
    assert len(files) == 1
    stamp = files[0].stat().st_mtime_ns
    second = load_or_build(KB, tmp_path)
    assert isinstance(second, Understander) and second is not first
    assert files[0].stat().st_mtime_ns == stamp
    assert second.understand("forgot password").intent == first.understand("forgot password").intent


def test_changed_articles_retrain_and_old_files_are_pruned(tmp_path):
    for n in range(5):
        load_or_build([replace(KB[0], summary=f"v{n}"), KB[1]], tmp_path)
    assert len(list(tmp_path.glob("understander-*.pickle"))) == 3


def test_a_corrupt_cache_file_is_rebuilt(tmp_path):
    load_or_build(KB, tmp_path)
    path = next(tmp_path.glob("understander-*.pickle"))
    path.write_bytes(b"garbage")
    engine = load_or_build(KB, tmp_path)
    assert engine.understand("deposit missing").intent == "deposit"
    assert path.read_bytes() != b"garbage"


def test_no_directory_means_no_cache(tmp_path):
    assert load_or_build(KB, None).understand("deposit missing").intent == "deposit"
