"""The ``spundetect`` command: score, filter, train, evaluate, compare, match, features.

Designed for pipelines: results stream to stdout in input order as documents
finish, every diagnostic goes to stderr as ``file:line: reason``, and the exit
status says what happened (0 ok, 1 some input failed, 2 usage, 3 ``--fail-on``
matched). No traceback reaches the user.

As ftfy's command does, :func:`main` takes ``argv`` and returns the exit status rather than
exiting, so the command runs (and is tested) in-process too; a command given no path reads
stdin. This module is only the entry point: it parses, hands the arguments to a command and
turns whatever escapes into a message on stderr and an exit status. The rest, one module a
concern: :mod:`.parser` (the grammar and its help), :mod:`.output` (the progress line,
messages and result writers), :mod:`.exits` (the exit statuses), :mod:`.guards` (no run
writes over what it reads), and the commands:
:mod:`.scoring` (score, filter), :mod:`.training` (train, evaluate), :mod:`.matching`
(compare, match), :mod:`.info` (features, card).
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import stat
import sys
import threading
from collections.abc import Iterator, Sequence
from types import FrameType
from typing import TextIO, cast

from ..errors import SpundetectError
from ..io import _WaitingReader
from .exits import (
    EXIT_BROKEN_PIPE,
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_MATCHED,
    EXIT_OK,
    EXIT_USAGE,
    _Terminated,
    _UsageError,
)
from .guards import refuse_stdout_among_inputs
from .info import cmd_card, cmd_features
from .matching import cmd_compare, cmd_match
from .output import GuardedStream, OutputError
from .output import _TableWriter as _TableWriter  # imported from here by tests
from .parser import build_parser, command_parser
from .scoring import cmd_filter, cmd_score
from .training import cmd_evaluate, cmd_train

__all__ = ["EXIT_FAILED", "EXIT_MATCHED", "EXIT_OK", "EXIT_USAGE", "main"]


_COMMANDS = {
    "score": cmd_score,
    "filter": cmd_filter,
    "train": cmd_train,
    "evaluate": cmd_evaluate,
    "features": cmd_features,
    "card": cmd_card,
    "compare": cmd_compare,
    "match": cmd_match,
}


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args, extras = parser.parse_known_args(argv)
    if extras:
        # Said by the command's own parser, so the message names the command and its help.
        command_parser(parser, args.command).error(f"unrecognized arguments: {' '.join(extras)}")
    if args.command is None:
        parser.error(
            "choose a command: score, filter, train, evaluate, compare, match, features or card"
        )
    try:
        refuse_stdout_among_inputs(args)
        return _COMMANDS[args.command](args)
    except _UsageError as exc:
        print(
            f"spundetect {args.command}: error: {exc} (see 'spundetect {args.command} --help')",
            file=sys.stderr,
        )
        return EXIT_USAGE


def _silence_stdout() -> None:
    # After a broken pipe, point stdout at /dev/null so the final flush at exit stays quiet.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def _limit_threads() -> None:
    # The command's parallelism is --jobs processes. scikit-learn's gradient boosting would
    # otherwise start an OpenMP team for every tiny predict call; on a busy 2-core machine
    # that made `score` of one document cost 15 s of CPU instead of 4 s. Must run before
    # scikit-learn is imported (OpenMP reads it once); a value the user set is kept.
    os.environ.setdefault("OMP_NUM_THREADS", "1")


#: the signals that arrived: a handler's exception raised while Python runs a finaliser or a
#: callback is printed and dropped ("Exception ignored in ..."), and the run would then end
#: as if nothing had happened (seen once in a loaded test run: exit 0 after SIGHUP)
_SIGNALLED: list[int] = []


def _terminate(signum: int, frame: FrameType | None) -> None:
    _SIGNALLED.append(signum)
    raise _Terminated(signum)


#: how soon a termination dropped in a finaliser is raised again (:func:`_unraisable`)
_RETRY_SECONDS = 0.05
_ON_DROP: dict[str, object] = {}  # the hook it replaced and the process it was set in


def _unraisable(unraisable: sys.UnraisableHookArgs) -> None:
    """``sys.unraisablehook`` while a command runs: a termination whose exception Python
    dropped (the signal landed while a finaliser ran) is raised again from the main flow by
    a timer's SIGALRM, which also breaks a blocking read. Without it, a run waiting on a
    terminal ignored the SIGTERM for good (one CI run under load, fifty-eighth session).
    Anything else goes to the hook it replaced."""
    if isinstance(unraisable.exc_value, _Terminated) and os.getpid() == _ON_DROP.get("pid"):
        signal.setitimer(signal.ITIMER_REAL, _RETRY_SECONDS)
        return
    hook = _ON_DROP.get("hook", sys.__unraisablehook__)
    hook(unraisable)  # type: ignore[operator]


def _terminate_again(signum: int, frame: FrameType | None) -> None:
    raise _Terminated(_SIGNALLED[0] if _SIGNALLED else signal.SIGTERM)


@contextlib.contextmanager
def _termination_as_interrupt() -> Iterator[None]:
    """SIGTERM and SIGHUP (``kill PID``, a supervisor stopping the job, a closed terminal)
    end the run as Ctrl-C does: what is written so far is flushed, the worker processes are
    stopped, and the status is 128 + the signal. A signal ignored when the command started
    (``nohup``) stays ignored. Only in the main thread, where handlers can be set; where a
    finaliser was running when the signal landed, a timer raises it again
    (:func:`_unraisable`)."""
    previous: dict[int, object] = {}
    if threading.current_thread() is threading.main_thread():
        for name in ("SIGTERM", "SIGHUP"):
            sig = getattr(signal, name, None)
            if sig is None or signal.getsignal(sig) is signal.SIG_IGN:
                continue
            previous[sig] = signal.signal(sig, _terminate)
    retry = bool(previous) and hasattr(signal, "setitimer") and hasattr(signal, "SIGALRM")
    if retry:
        previous[signal.SIGALRM] = signal.signal(signal.SIGALRM, _terminate_again)
        _ON_DROP.update(hook=sys.unraisablehook, pid=os.getpid())
        sys.unraisablehook = _unraisable
    try:
        yield
    finally:
        if retry:
            signal.setitimer(signal.ITIMER_REAL, 0)
            sys.unraisablehook = _ON_DROP.pop("hook")  # type: ignore[assignment]
            _ON_DROP.clear()
        for sig, handler in previous.items():
            signal.signal(sig, handler)  # type: ignore[arg-type]


@contextlib.contextmanager
def _stdin_open_to_signals() -> Iterator[None]:
    """While a command runs, the process's own stdin, when it can keep a read waiting (a
    terminal, a pipe: not a file), is read through :class:`spundetect.io._WaitingReader`. Not
    on Windows, whose ``select`` takes sockets only."""
    stdin = sys.stdin
    try:
        fd = stdin.fileno()
        live = stdin is sys.__stdin__ and not stat.S_ISREG(os.fstat(fd).st_mode)
    except (AttributeError, OSError, ValueError):  # closed (None), or not a real stream
        live = False
    if live and os.name == "posix":
        raw = _WaitingReader(fd, "rb", closefd=False)
        sys.stdin = io.TextIOWrapper(
            io.BufferedReader(raw), encoding=stdin.encoding, errors=stdin.errors, newline="\n"
        )
    try:
        yield
    finally:
        sys.stdin = stdin


def _say(message: str) -> None:
    # stderr may be gone with the terminal that sent SIGHUP: the status still tells
    with contextlib.suppress(OSError, ValueError):
        print(message, file=sys.stderr)


@contextlib.contextmanager
def _guarded_stdout() -> Iterator[None]:
    """Write errors on stdout (a full disk) are raised as :class:`OutputError` naming it."""
    stdout = sys.stdout
    if stdout is not None:
        sys.stdout = cast(TextIO, GuardedStream(stdout, "stdout"))
    try:
        yield
    finally:
        sys.stdout = stdout


def _cut_short(exc: BaseException) -> BaseException | None:
    """The termination or Ctrl-C among ``exc``'s causes, if one is there: a library that turns
    every error into its own hides it (numpy's buffer-format parser makes a ``ValueError`` of
    anything, and a SIGTERM landing in a fit came out as "cannot train: ... is not a valid PEP
    3118 buffer format string", exit 1)."""
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, _Terminated | KeyboardInterrupt):
            return cause
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    return None


def _ended(exc: BaseException) -> int:
    """Say that the run was cut short by ``exc`` (a termination or Ctrl-C); its exit status."""
    if isinstance(exc, _Terminated):
        _say("\nspundetect: terminated")
        return 128 + exc.signum
    print("\nspundetect: interrupted", file=sys.stderr)
    return EXIT_INTERRUPTED


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``spundetect`` command; returns the exit status."""
    _limit_threads()
    if sys.stdout is None:  # started with it closed (`>&-`): Python sets sys.stdout to None
        print("spundetect: error: stdout is closed (redirect it: > FILE)", file=sys.stderr)
        return EXIT_FAILED
    _SIGNALLED.clear()  # main() may run again in one process (tests, a caller's loop)
    try:
        with _termination_as_interrupt(), _guarded_stdout(), _stdin_open_to_signals():
            code = _run(argv)
            sys.stdout.flush()
            if _SIGNALLED:  # a termination whose exception was dropped on the way
                raise _Terminated(_SIGNALLED[0])
            return code
    except SystemExit as exc:  # argparse: --help, --version, usage errors
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else EXIT_USAGE)
    except (_Terminated, KeyboardInterrupt) as exc:
        return _ended(exc)
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except OutputError as exc:
        if exc.name == "stdout":
            _silence_stdout()  # what could not be written is not tried again at exit
        print(f"spundetect: error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except SpundetectError as exc:
        if (cut := _cut_short(exc)) is not None:
            return _ended(cut)
        print(f"spundetect: error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except MemoryError:
        print("spundetect: error: out of memory", file=sys.stderr)
        return EXIT_FAILED
    except Exception as exc:
        if (cut := _cut_short(exc)) is not None:
            return _ended(cut)
        if os.environ.get("SPUNDETECT_DEBUG"):
            raise
        print(
            f"spundetect: error: {type(exc).__name__}: {exc} "
            "(set SPUNDETECT_DEBUG=1 for the traceback and please report it)",
            file=sys.stderr,
        )
        return EXIT_FAILED
