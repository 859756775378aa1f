"""Where each value and key of a data file starts, kept from the composed file.

The cross-file rules report on a file long after it was read. They used to read it again to
find a line, which pointed at the wrong line when the file changed in between (an editor
saving while ``kompetensi serve`` rebuilds). :class:`Places` keeps the positions the reader
recorded while composing, and nothing else: the node trees themselves (with every text) were
most of the memory of a large standard, so they are still dropped once a file is typed.
"""

from __future__ import annotations

from array import array
from typing import NamedTuple

from generator.standard.strict_yaml import Mapping, Node, Scalar, Sequence

_COLUMN_BITS = 21  # a file is at most 1 MB, so a column never reaches 2**21
_KEYS_KEPT = 4096


class _Container(NamedTuple):
    """A mapping's or a sequence's places: three small objects per container, the positions
    themselves in the file's one array (a dict or tuple per value took twice the memory of the
    typed data)."""

    start: int
    """Index of its own position in the file's array; its entries' positions follow: for a
    mapping each key's and each value's, for a sequence each item's."""
    keys: tuple[str | None, ...] | int
    """A mapping's keys in order (``None`` for a key that is not text); a sequence's length."""
    children: tuple[_Container | None, ...] | None
    """Each value's own container (``None`` for a scalar); ``None`` when all are scalars."""


_shared_keys: dict[tuple[str | None, ...], tuple[str | None, ...]] = {}
"""One tuple for each set of keys: thousands of indicators and activities share a few."""


def _pack(node: Node) -> int:
    return (node.line << _COLUMN_BITS) | node.column


def _unpack(position: int) -> tuple[int, int]:
    return position >> _COLUMN_BITS, position & ((1 << _COLUMN_BITS) - 1)


def _shared(keys: tuple[str | None, ...]) -> tuple[str | None, ...]:
    if len(_shared_keys) >= _KEYS_KEPT:
        _shared_keys.clear()
    return _shared_keys.setdefault(keys, keys)


def _container(node: Node, positions: array[int]) -> _Container | None:
    start = len(positions)
    if isinstance(node, Mapping):
        positions.append(_pack(node))
        for key, value in node.value:
            positions.append(_pack(key))
            positions.append(_pack(value))
        keys = _shared(
            tuple(key.value if isinstance(key, Scalar) else None for key, _ in node.value)
        )
        return _Container(start, keys, _children([value for _, value in node.value], positions))
    if isinstance(node, Sequence):
        positions.append(_pack(node))
        positions.extend(_pack(item) for item in node.value)
        return _Container(start, len(node.value), _children(node.value, positions))
    return None


def _children(nodes: list[Node], positions: array[int]) -> tuple[_Container | None, ...] | None:
    children = tuple(_container(node, positions) for node in nodes)
    return children if any(child is not None for child in children) else None


class Places:
    """The line and column of every value (and mapping key) of one composed file."""

    __slots__ = ("_positions", "_root")

    def __init__(self, root: Node | None) -> None:
        self._positions = array("q", [(1 << _COLUMN_BITS) | 1 if root is None else _pack(root)])
        self._root = None if root is None else _container(root, self._positions)

    def _step(
        self, container: _Container, key: str | int
    ) -> tuple[int, int, _Container | None] | None:
        """The (key position, value position, value's container) at ``key``, if it exists; a
        sequence item's key position is its own."""
        positions = self._positions
        if isinstance(container.keys, tuple):
            if not isinstance(key, str) or key not in container.keys:
                return None
            index = container.keys.index(key)  # the first of duplicate keys, as the reader reports
            at = container.start + 1 + 2 * index
            key_at, value_at = positions[at], positions[at + 1]
        else:
            if not isinstance(key, int) or not 0 <= key < container.keys:
                return None
            index = key
            key_at = value_at = positions[container.start + 1 + index]
        child = container.children[index] if container.children is not None else None
        return key_at, value_at, child

    def _walk(self, keys: tuple[str | int, ...]) -> tuple[int, int, int]:
        """How far ``keys`` lead: (key position, value position, keys followed)."""
        key_at = value_at = self._positions[0]
        container = self._root
        for done, key in enumerate(keys):
            step = None if container is None else self._step(container, key)
            if step is None:
                return key_at, value_at, done
            key_at, value_at, container = step
        return key_at, value_at, len(keys)

    def locate(self, *keys: str | int) -> tuple[int, int]:
        """Line and column of the value at ``keys`` (or of the nearest existing parent)."""
        return _unpack(self._walk(keys)[1])

    def locate_key(self, *keys: str | int) -> tuple[int, int]:
        """Like :meth:`locate`, but points at the last mapping key itself, not its value."""
        key_at, value_at, followed = self._walk(keys)
        if keys and followed == len(keys) and isinstance(keys[-1], str):
            return _unpack(key_at)
        return _unpack(value_at)
