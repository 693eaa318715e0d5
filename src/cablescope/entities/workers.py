"""Extraction processes, fed batches of cable IDs through pipes (the store's worker pattern).

Plain child processes (`python -c ...`), not `multiprocessing`: they never re-import the
caller's main module (a script without an `if __name__ == "__main__"` guard works) and never
fork a process holding a database connection. Each loads the spaCy model once, reads cables from
its own read-only connection and sends back what it found; it ends when its input closes, which
includes the parent being killed. Frames are `cablescope.store.workers`' length + pickle. A
process that cannot work (spaCy missing, a cable it cannot read) answers with a `Failure` naming
why, which the parent raises as the error the user sees, instead of dying unexplained.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from cablescope.errors import CablescopeError
from cablescope.store.workers import (
    IN_FLIGHT_PER_WORKER,
    answer,
    child_pipes,
    read_frame,
    spawn,
    stop,
    write_frame,
)

# the process runs the pipeline's loop (`pipeline.work`, which calls `serve`): named, not
# imported, so this module imports nothing of the pipeline that imports it
_ENTRY = "from cablescope.entities.pipeline import work; work()"


@dataclass(frozen=True, slots=True)
class Failure:
    """What an extraction process sends instead of results when it cannot do its work."""

    message: str


def failure(exc: BaseException) -> Failure:
    """The user's message for an exception: our own errors as they are, others with their type."""
    if isinstance(exc, CablescopeError):
        return Failure(str(exc))
    return Failure(f"{type(exc).__name__}: {exc}")


class ExtractionPool:
    """`n` extraction processes; `map` keeps results in input order.

    The processes start (and load the model) at once; they get the database at `db` when
    `open` is called, so the caller can get it ready meanwhile (`pipeline` learns the casing
    table while the model loads). A thread per process reads its results as soon as they are
    written: a result is larger than a pipe holds, and a process whose result waited for the
    parent to read it (results are taken in order) sat idle until the other had finished.
    Each batch goes to the first process that is free, not in turn. `entry`: the code the
    processes run (tests give their own).
    """

    def __init__(self, n: int, db: str | None = None, entry: str = _ENTRY) -> None:
        self._procs = spawn(entry, n)
        self._done: queue.Queue[tuple[int, Any]] = queue.Queue()
        self._readers: list[threading.Thread] = []
        if db is not None:
            self.open(db)

    @property
    def processes(self) -> int:
        return len(self._procs)

    def open(self, db: str) -> None:
        """Give the processes the database to read (once, before `map`)."""
        for index, proc in enumerate(self._procs):
            assert proc.stdin is not None
            with contextlib.suppress(BrokenPipeError, OSError):  # died: its result will say so
                write_frame(proc.stdin, db)
            reader = threading.Thread(target=self._read, args=(index,), daemon=True,
                                      name=f"cablescope-extraction-{index}")
            reader.start()
            self._readers.append(reader)

    def _read(self, index: int) -> None:
        """A reader thread: every frame of process `index`, until it ends (then `_GONE`)."""
        stdout = self._procs[index].stdout
        assert stdout is not None
        while True:
            try:
                result = read_frame(stdout)
            except (EOFError, OSError, ValueError):
                self._done.put((index, _GONE))
                return
            self._done.put((index, result))

    def map(self, batches: Iterable[list[str]]) -> Iterator[Any]:
        """Each batch's results, in the order of `batches`; each process holds a few batches
        ahead, and at most a bounded number of results wait for an earlier one."""
        n = len(self._procs)
        todo = enumerate(batches)
        held: list[deque[int]] = [deque() for _ in range(n)]  # batch numbers, in send order
        ready: dict[int, Any] = {}
        hungry: list[int] = []
        window = n * IN_FLIGHT_PER_WORKER * 4  # batches sent and not yet yielded, at most
        sent = taken = 0

        def feed(index: int) -> bool:
            nonlocal sent
            if sent - taken >= window:
                return False
            item = next(todo, None)
            if item is None:
                return False
            stdin = self._procs[index].stdin
            assert stdin is not None
            with contextlib.suppress(BrokenPipeError, OSError):  # died: its result will say so
                write_frame(stdin, item[1])
            held[index].append(item[0])
            sent += 1
            return True

        for _ in range(IN_FLIGHT_PER_WORKER):
            for index in range(n):
                if not feed(index):
                    hungry.append(index)
        while True:
            while taken in ready:
                result = ready.pop(taken)
                taken += 1
                yield result
                while hungry and feed(hungry[0]):
                    hungry.pop(0)
            if not any(held):
                return
            index, result = self._done.get()
            if result is _GONE:
                if not held[index]:
                    continue  # ended after its last batch
                self._gone(index)
            if isinstance(result, Failure):
                raise CablescopeError(
                    f"extraction process {self._procs[index].pid} failed: {result.message}")
            ready[held[index].popleft()] = result
            if not feed(index):
                hungry.append(index)

    def _gone(self, index: int) -> None:
        proc = self._procs[index]
        code = proc.wait()
        raise CablescopeError(
            f"extraction process {proc.pid} ended unexpectedly (exit status {code})")

    def close(self, abort: bool = False) -> None:
        """Stop the processes: close their input and let them end, or kill them (`abort`)."""
        if abort:
            for proc in self._procs:
                proc.kill()
        stop(self._procs, timeout=30)
        for reader in self._readers:
            reader.join(timeout=10)


_GONE = object()  # what a reader thread puts when its process's output closed


def serve(open_worker: Callable[[str], None], extract: Callable[[list[str]], Any],
          prepare: Callable[[], None] | None = None) -> None:
    """An extraction process: `prepare` (what needs no database: loading the model, while the
    parent gets the database ready), then the database path, then batches of cable IDs, on
    stdin; what `extract` found, on stdout; until stdin closes."""
    source, sink = child_pipes()
    unready: Exception | None = None
    try:
        if prepare is not None:
            prepare()
    except Exception as exc:  # said with every batch, as a database that cannot open is
        unready = exc
    try:
        db = read_frame(source)
    except EOFError:
        return
    try:
        if unready is not None:
            raise unready
        open_worker(db)
    except Exception as exc:  # every batch gets the reason, the parent raises the first
        reason = Failure(f"could not start on {db}: {failure(exc).message}")
        answer(source, sink, lambda _batch: reason)
        return
    answer(source, sink, guarded(extract))


def guarded(handle: Callable[[list[str]], Any]) -> Callable[[list[str]], Any]:
    """`handle` for a batch of cable IDs, answering a `Failure` that names the cable it failed
    on (found by retrying the batch's cables one by one) instead of raising."""
    def run(batch: list[str]) -> Any:
        try:
            return handle(batch)
        except Exception as exc:
            return Failure(f"{_where(handle, batch)}: {failure(exc).message}")
    return run


def _where(handle: Callable[[list[str]], Any], batch: list[str]) -> str:
    for cable in batch:
        try:
            handle([cable])
        except Exception:
            return f"on cable {cable}"
    return f"on the batch {batch[0]} .. {batch[-1]}" if batch else "on an empty batch"
