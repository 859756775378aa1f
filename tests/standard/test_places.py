"""Places: the rules locate what they report in the positions kept from reading a file, never by
reading it again (which pointed at the wrong line once the file had changed on disk)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from standard_support import REAL_STANDARDS, Edit, replace

from generator.standard import strict_yaml
from generator.standard.loader import read_folder
from generator.standard.places import Places
from generator.standard.rules import check_all
from generator.standard.strict_yaml import Mapping, Node, Scalar, Sequence

Path_ = tuple[str | int, ...]


def _nodes(node: Node, path: Path_ = ()) -> Iterator[tuple[Path_, Node, Node | None]]:
    """Every value with its path and, for a mapping value, its key (the first of duplicates)."""
    if isinstance(node, Mapping):
        seen: set[str] = set()
        for key, value in node.value:
            assert isinstance(key, Scalar)
            if key.value in seen:
                continue
            seen.add(key.value)
            yield (*path, key.value), value, key
            yield from _nodes(value, (*path, key.value))
    elif isinstance(node, Sequence):
        for index, item in enumerate(node.value):
            yield (*path, index), item, None
            yield from _nodes(item, (*path, index))


@pytest.mark.parametrize(
    "file",
    sorted(REAL_STANDARDS.rglob("*.yaml"))[::7],
    ids=lambda file: file.name,
)
def test_every_value_and_key_is_where_the_reader_found_it(file: Path) -> None:
    root = strict_yaml.read(file).root
    assert root is not None
    places = Places(root)
    assert places.locate() == (root.line, root.column)
    count = 0
    for path, node, key in _nodes(root):
        assert places.locate(*path) == (node.line, node.column), path
        if key is not None:
            assert places.locate_key(*path) == (key.line, key.column), path
        count += 1
    assert count > 10


def test_a_missing_key_points_at_the_nearest_existing_parent(tmp_path: Path) -> None:
    file = tmp_path / "x.yaml"
    file.write_text("a:\n  b: [1, {c: 2}]\n  d: e\n", encoding="utf-8")
    places = Places(strict_yaml.read(file).root)
    assert places.locate("a", "b", 1, "c") == (2, 14)
    assert places.locate_key("a", "b", 1, "c") == (2, 11)
    assert places.locate("a", "b", 1, "zz") == (2, 10)
    assert places.locate_key("a", "b", 1, "zz") == (2, 10)
    assert places.locate("a", "b", 5) == (2, 6)
    assert places.locate("a", "d", "x") == (3, 6)
    assert places.locate_key("a", "d") == (3, 3)
    assert places.locate("nothing") == (1, 1)
    assert Places(None).locate("a") == (1, 1)


def test_a_file_edited_after_reading_is_reported_where_it_was_read(
    make_standards: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    learning = "learning/kerjasama.yaml"
    edit: Edit = replace(learning, "id: kerjasama-coaching-2}", "id: kerjasama-coaching-1}")
    folder = make_standards(edit)
    loaded = read_folder(folder)
    assert loaded.problems == []
    # The maintainer saves the file again (three lines longer) before the rules report on it.
    file = folder / learning
    file.write_text("# a\n# b\n# c\n" + file.read_text(encoding="utf-8"), encoding="utf-8")

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("a rule read a file again")

    monkeypatch.setattr(strict_yaml, "read", no_reading)
    check_all(loaded)
    assert [str(problem) for problem in loaded.problems] == [
        f"std/{learning}:8:98: activities[4].id: duplicate activity id 'kerjasama-coaching-1' "
        f"(also at std/{learning}:5:98) Hint: every activity id must be unique across "
        "standards/learning/"
    ]
