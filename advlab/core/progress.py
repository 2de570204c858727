"""The callables long jobs take to report progress and to ask whether to stop."""

from __future__ import annotations

from collections.abc import Callable

#: ``progress(done, total)``: called now and then with the work done so far.
ProgressFn = Callable[[int, int], None]
#: ``cancelled()``: True once the user has asked to stop.
CancelledFn = Callable[[], bool]
