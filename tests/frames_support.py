"""Reading a layout value in Chromium once it has stopped changing: importable as
``frames_support`` from any test folder (``tests/`` holds the root conftest).

A jump inside the quiz settles over several frames (``lib/dom.js``'s ``settleJump``) and the
theme lays out search results after its animations; a fixed wait read them mid-way under load.
"""

from __future__ import annotations

from typing import Any

STEADY = """([arg, frames]) => new Promise((done) => {
  const read = READ;
  let last = null;
  let same = 0;
  const tick = () => {
    const value = read(arg);
    same = value === last ? same + 1 : 0;
    last = value;
    if (same >= frames) done(value);
    else requestAnimationFrame(tick);
  };
  tick();
})"""


def steady(page: Any, read: str, arg: Any = None, frames: int = 5) -> Any:
    """The value of the JavaScript function ``read`` (called with ``arg``) once it has been the
    same for ``frames`` animation frames running."""
    return page.evaluate(STEADY.replace("READ", read), [arg, frames])
