"""Parser processes for a big ingest, fed batches of records through pipes.

Plain child processes rather than `multiprocessing`: they never re-import the caller's main
module (a script without an `if __name__ == "__main__"` guard works), never fork a process that
may hold threads, and end by themselves when their input closes, which includes the parent being
killed with -9. Frames on the pipes are an 8-byte little-endian length and a pickle; only this
process and its own children ever read them.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import queue
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from cablescope.errors import StoreError

IN_FLIGHT_PER_WORKER = 2
_ENTRY = "from cablescope.store.workers import main; main()"


def write_frame(stream: IO[bytes], obj: Any) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(len(data).to_bytes(8, "little"))
    stream.write(data)
    stream.flush()


def read_frame(stream: IO[bytes]) -> Any:
    """The next object, or EOFError when the other side closed the pipe."""
    head = stream.read(8)
    if len(head) < 8:
        raise EOFError
    size = int.from_bytes(head, "little")
    data = stream.read(size)
    if len(data) < size:
        raise EOFError
    return pickle.loads(data)


def child_env() -> dict[str, str]:
    """The environment of a child process: this one's, with this package importable."""
    package_root = str(Path(__file__).resolve().parents[2])
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
    return env


def spawn(entry: str, n: int) -> list[subprocess.Popen[bytes]]:
    """`n` Python processes running `entry` (this package importable), pipes on stdin/stdout."""
    env = child_env()
    return [subprocess.Popen([sys.executable, "-c", entry], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, env=env) for _ in range(n)]


def receive(proc: subprocess.Popen[bytes], error: type[Exception], what: str) -> Any:
    """The next frame from `proc`; `error` saying how it ended if it is gone."""
    assert proc.stdout is not None
    try:
        return read_frame(proc.stdout)
    except EOFError:
        code = proc.wait()
        raise error(f"{what} {proc.pid} ended unexpectedly (exit status {code})") from None


def stop(procs: list[subprocess.Popen[bytes]], timeout: float) -> None:
    """Close the processes' input, let them end (killed after `timeout` s), close their output."""
    for proc in procs:
        with contextlib.suppress(OSError):
            if proc.stdin is not None:
                proc.stdin.close()
    for proc in procs:
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()


_END = object()


class ParserPool:
    """`n` parser processes, fed by a thread of their own.

    `map(batches)` pulls `batches` in a background thread (so reading the corpus overlaps with
    whatever the caller does with the results), sends them round-robin to the processes, and
    yields `(batch, result)` in the order of `batches`. At most `IN_FLIGHT_PER_WORKER` batches
    per process are between the two ends, which bounds memory whatever the input size.
    """

    def __init__(self, n: int) -> None:
        self._procs = spawn(_ENTRY, n)
        self._order: queue.Queue[Any] = queue.Queue(n * IN_FLIGHT_PER_WORKER)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def map(self, batches: Iterable[Any]) -> Iterator[tuple[Any, Any]]:
        """(batch, its result) for each of `batches`, in order."""
        self._thread = threading.Thread(target=self._dispatch, args=(iter(batches),),
                                        daemon=True, name="cablescope-reader")
        self._thread.start()
        while True:
            item = self._order.get()
            if item is _END:
                return
            if isinstance(item, BaseException):
                raise item
            index, batch = item
            yield batch, self._result(index)

    def _dispatch(self, batches: Iterator[Any]) -> None:
        """The background thread: read the input, send each batch to its process."""
        n = len(self._procs)
        try:
            for sent, batch in enumerate(batches):
                index = sent % n
                if not self._put((index, batch)):
                    return
                stdin = self._procs[index].stdin
                assert stdin is not None
                write_frame(stdin, batch)
            for proc in self._procs:
                assert proc.stdin is not None
                proc.stdin.close()
            self._put(_END)
        except (BrokenPipeError, OSError) as exc:
            if not self._stop.is_set():  # a process died: its missing results say so
                self._put(StoreError(f"parser process gone: {exc}"))
        except BaseException as exc:  # the reader failed: the consumer raises it
            self._put(exc)

    def _put(self, item: Any) -> bool:
        while not self._stop.is_set():
            try:
                self._order.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def _result(self, index: int) -> Any:
        return receive(self._procs[index], StoreError, "parser process")

    def close(self, abort: bool = False) -> None:
        """Stop: after the last result, let the processes end as their input closed; when
        `abort`ing (an error, Ctrl-C), stop the reader thread and kill the processes."""
        self._stop.set()
        if abort:
            for proc in self._procs:
                proc.kill()
        if self._thread is not None:
            self._thread.join(timeout=10)
        stop(self._procs, timeout=10)


def child_pipes() -> tuple[IO[bytes], IO[bytes]]:
    """In a child process: leave Ctrl-C to the parent, keep anything printed by mistake off the
    frames (to stderr), and return the pipes (frames in, frames out)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    source, sink = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr
    return source, sink


def answer(source: IO[bytes], sink: IO[bytes], handle: Callable[[Any], Any]) -> None:
    """In a child process: `handle` each frame and send back its result, until input closes."""
    while True:
        try:
            item = read_frame(source)
        except EOFError:
            return
        write_frame(sink, handle(item))


def main() -> None:
    """A parser process: batches in on stdin, parsed rows out on stdout, until stdin closes."""
    from cablescope.store.rows import parse_batch

    answer(*child_pipes(), lambda batch: parse_batch(batch, strip=True))
