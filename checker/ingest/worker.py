"""Run a parser in a child process with a memory cap and a time limit.

The parsers of container and page formats (DOCX, ODT, PDF, RTF, HTML) run third-party code
over untrusted bytes. :func:`run_limited` runs such a function in a forked child whose address
space is capped with ``RLIMIT_AS`` and which is killed when the time limit passes, so a zip
bomb, an entity bomb or a pathological file costs at most the configured memory and time.
Forking keeps the cost per file to a few milliseconds: the child shares the parent's already
imported modules.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import signal
from typing import Any, Callable

from checker.errors import HostileFile, InputError
from checker.ingest.limits import IngestLimits, human_bytes

_CONTEXT = multiprocessing.get_context("fork")


def _address_space_bytes() -> int:
    """Current virtual memory size of this process in bytes (0 if unknown)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            pages = int(fh.read().split()[0])
        return pages * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _apply_limits(limits: IngestLimits) -> None:
    """Cap this process: address space, CPU seconds, no core dumps."""
    soft_as = _address_space_bytes() + limits.memory_bytes
    _, hard_as = resource.getrlimit(resource.RLIMIT_AS)
    if hard_as != resource.RLIM_INFINITY:
        soft_as = min(soft_as, hard_as)
    resource.setrlimit(resource.RLIMIT_AS, (soft_as, hard_as))
    cpu = int(limits.timeout_s) + 2
    _, hard_cpu = resource.getrlimit(resource.RLIMIT_CPU)
    if hard_cpu == resource.RLIM_INFINITY or cpu <= hard_cpu:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, hard_cpu))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _child(conn, func, args, limits: IngestLimits) -> None:
    """Body of the worker: apply limits, call ``func(*args)``, send one tagged reply."""
    try:
        _apply_limits(limits)
        result = func(*args)
        reply: tuple = ("ok", result)
    except MemoryError:
        reply = ("memory",)
    except InputError as exc:
        reply = ("input", type(exc), exc.message, exc.accepted)
    except BaseException as exc:  # a defect or an unexpected parser failure: report it
        reply = ("crash", f"{type(exc).__name__}: {exc}"[:500])
    try:
        conn.send(reply)
    except MemoryError:
        conn.send(("memory",))
    finally:
        conn.close()


def run_limited(func: Callable[..., Any], *args: Any, limits: IngestLimits, what: str = "file") -> Any:
    """Call ``func(*args)`` in a forked child under ``limits`` and return its result.

    ``func`` must return a picklable value. ``limits.memory_bytes`` caps the address space the
    child may add to what it inherited; ``limits.timeout_s`` bounds its wall-clock time.
    ``what`` names the input in error messages ("DOCX file").

    Raises:
        HostileFile: the child ran out of memory, ran past the time limit or died.
        InputError: the subclass ``func`` raised in the child, with its message.
        RuntimeError: ``func`` failed with any other exception (a defect, not bad input).
    """
    receiver, sender = _CONTEXT.Pipe(duplex=False)
    process = _CONTEXT.Process(target=_child, args=(sender, func, args, limits), daemon=True)
    process.start()
    sender.close()
    try:
        if not receiver.poll(limits.timeout_s):
            raise HostileFile(
                f"reading the {what} exceeded the {limits.timeout_s:g} s time limit",
                "a file that an office program opens at once",
            )
        try:
            reply = receiver.recv()
        except (EOFError, OSError):
            process.join(1.0)
            raise HostileFile(_death_message(what, process.exitcode, limits)) from None
    finally:
        receiver.close()
        if process.is_alive():
            process.kill()
        process.join()
    tag = reply[0]
    if tag == "ok":
        return reply[1]
    if tag == "memory":
        raise HostileFile(
            f"reading the {what} exceeded the {human_bytes(limits.memory_bytes)} memory limit"
        )
    if tag == "input":
        error_type, message, accepted = reply[1], reply[2], reply[3]
        raise error_type(message, accepted)
    raise RuntimeError(f"the parser failed on the {what}: {reply[1]}")


def libxml2_out_of_memory(exc: BaseException) -> bool:
    """True when an lxml error is libxml2 failing to allocate (XML_ERR_NO_MEMORY), which
    under the worker's ``RLIMIT_AS`` means the input needs more memory than allowed."""
    return getattr(exc, "code", None) == 2 or "ERR_NO_MEMORY" in str(getattr(exc, "error_log", ""))


def _death_message(what: str, exitcode: int | None, limits: IngestLimits) -> str:
    """Why the worker ended without a reply, in one sentence."""
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        if name == "SIGXCPU":
            return f"reading the {what} exceeded the {limits.timeout_s:g} s time limit"
        return (
            f"reading the {what} stopped abnormally ({name}); the file may exceed the "
            f"{human_bytes(limits.memory_bytes)} memory limit or be built to crash readers"
        )
    return f"reading the {what} stopped abnormally (exit code {exitcode})"
