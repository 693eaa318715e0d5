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
from collections import deque
from collections.abc import Iterable, Iterator
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


class ParserPool:
    """`n` parser processes; `map` parses batches in order, a few batches ahead per process."""

    def __init__(self, n: int) -> None:
        package_root = str(Path(__file__).resolve().parents[2])
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
        self._procs = [
            subprocess.Popen([sys.executable, "-c", _ENTRY],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
            for _ in range(n)
        ]
        self._queues: list[queue.Queue[Any]] = [queue.Queue(IN_FLIGHT_PER_WORKER)
                                                for _ in range(n)]
        self._feeders = [threading.Thread(target=self._feed, args=(proc, q), daemon=True)
                         for proc, q in zip(self._procs, self._queues, strict=True)]
        for feeder in self._feeders:
            feeder.start()

    @staticmethod
    def _feed(proc: subprocess.Popen[bytes], jobs: queue.Queue[Any]) -> None:
        """Write batches to one process (a thread, so a full pipe never blocks the reader)."""
        assert proc.stdin is not None
        try:
            while (batch := jobs.get()) is not None:
                write_frame(proc.stdin, batch)
        except (BrokenPipeError, OSError):
            pass  # the process died; `map` reports it when its results do not come
        finally:
            with contextlib.suppress(OSError):
                proc.stdin.close()

    def map(self, batches: Iterable[Any]) -> Iterator[Any]:
        """Each batch's result, in the order of `batches` (round-robin over the processes)."""
        n = len(self._procs)
        owners: deque[int] = deque()
        for sent, batch in enumerate(batches):
            while len(owners) >= n * IN_FLIGHT_PER_WORKER:
                yield self._result(owners.popleft())
            self._queues[sent % n].put(batch)
            owners.append(sent % n)
        while owners:
            yield self._result(owners.popleft())

    def _result(self, index: int) -> Any:
        proc = self._procs[index]
        assert proc.stdout is not None
        try:
            return read_frame(proc.stdout)
        except EOFError:
            code = proc.wait()
            raise StoreError(f"parser process {proc.pid} ended unexpectedly (exit status {code})"
                             ) from None

    def close(self, abort: bool = False) -> None:
        """Stop the processes: after the last result, close their input and let them end;
        when `abort`ing (an error, Ctrl-C), kill them at once."""
        if abort:
            for proc in self._procs:
                proc.kill()
        for jobs in self._queues:
            while True:  # make room for the stop mark, dropping work not yet sent
                try:
                    jobs.put_nowait(None)
                    break
                except queue.Full:
                    with contextlib.suppress(queue.Empty):
                        jobs.get_nowait()
        for proc in self._procs:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            if proc.stdout is not None:
                proc.stdout.close()
        for feeder in self._feeders:
            feeder.join(timeout=1)


def main() -> None:
    """A parser process: batches in on stdin, parsed rows out on stdout, until stdin closes."""
    from cablescope.store.rows import parse_batch

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    source, sink = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # anything printed by mistake must not corrupt the frames
    while True:
        try:
            batch = read_frame(source)
        except EOFError:
            return
        write_frame(sink, parse_batch(batch))

