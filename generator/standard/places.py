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


class _Container(NamedTuple):
    """A mapping's or a sequence's places, packed: a few objects per container, not per value
    (a dict or tuple per value took twice the memory of the typed data)."""

    positions: array[int]
    """Its own position, then for a mapping each key's and value's, for a sequence each item's."""
    keys: tuple[str | None, ...] | None
    """A mapping's keys in order (``None`` for a key that is not text); ``None`` for a sequence."""
    children: tuple[_Container | None, ...] | None
    """Each value's own container (``None`` for a scalar); ``None`` when all are scalars."""


def _pack(node: Node) -> int:
    return (node.line << _COLUMN_BITS) | node.column


def _unpack(position: int) -> tuple[int, int]:
    return position >> _COLUMN_BITS, position & ((1 << _COLUMN_BITS) - 1)


def _container(node: Node) -> _Container | None:
    if isinstance(node, Mapping):
        positions = array("q", [_pack(node)])
        keys: list[str | None] = []
        values = []
        for key, value in node.value:
            keys.append(key.value if isinstance(key, Scalar) else None)
            positions.append(_pack(key))
            positions.append(_pack(value))
            values.append(value)
        return _Container(positions, tuple(keys), _children(values))
    if isinstance(node, Sequence):
        positions = array("q", [_pack(node), *(_pack(item) for item in node.value)])
        return _Container(positions, None, _children(node.value))
    return None


def _children(nodes: list[Node]) -> tuple[_Container | None, ...] | None:
    children = tuple(_container(node) for node in nodes)
    return children if any(child is not None for child in children) else None


def _step(container: _Container, key: str | int) -> tuple[int, int, _Container | None] | None:
    """The (key position, value position, value's container) at ``key``, if it exists; a
    sequence item's key position is its own."""
    if container.keys is not None:
        if not isinstance(key, str) or key not in container.keys:
            return None
        index = container.keys.index(key)  # the first of duplicate keys, as the reader reports
        key_at, value_at = container.positions[1 + 2 * index], container.positions[2 + 2 * index]
    else:
        if not isinstance(key, int) or not 0 <= key < len(container.positions) - 1:
            return None
        index = key
        key_at = value_at = container.positions[1 + index]
    child = container.children[index] if container.children is not None else None
    return key_at, value_at, child


class Places:
    """The line and column of every value (and mapping key) of one composed file."""

    __slots__ = ("_position", "_root")

    def __init__(self, root: Node | None) -> None:
        self._position = _pack(root) if root is not None else (1 << _COLUMN_BITS) | 1
        self._root = _container(root) if root is not None else None

    def _walk(self, keys: tuple[str | int, ...]) -> tuple[int, int, _Container | None, int]:
        """How far ``keys`` lead: (key position, value position, container, keys followed)."""
        key_at = value_at = self._position
        container = self._root
        for done, key in enumerate(keys):
            step = None if container is None else _step(container, key)
            if step is None:
                return key_at, value_at, container, done
            key_at, value_at, container = step
        return key_at, value_at, container, len(keys)

    def locate(self, *keys: str | int) -> tuple[int, int]:
        """Line and column of the value at ``keys`` (or of the nearest existing parent)."""
        return _unpack(self._walk(keys)[1])

    def locate_key(self, *keys: str | int) -> tuple[int, int]:
        """Like :meth:`locate`, but points at the last mapping key itself, not its value."""
        key_at, value_at, _, followed = self._walk(keys)
        if keys and followed == len(keys) and isinstance(keys[-1], str):
            return _unpack(key_at)
        return _unpack(value_at)
