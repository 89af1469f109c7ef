"""Rendering several languages on several cores: with `--jobs N`, up to N-1 forked processes render some of the
languages while this one renders the others, and generate() gets every language's files in the order it asked.

Rendering is pure Python (views, Jinja, escaping), so threads would share one core; a process forked after the
model is built shares the model with this one, copy-on-write, and sends back each language's files when done
(pickled through a pipe). Languages are shared out by their usual cost (`_COST`: Python's formatting and Java's
larger output make them the heavier ones), greatest first, each to the process with the least work so far. The
output does not depend on which process rendered it. A failure in another process is raised here as it would have
been raised had this process rendered that language (the same exception where it can be pickled, else an internal
error naming it); the other processes are stopped when the run ends early. Each process holds the model and its
own languages' files, so memory grows with the jobs (GitHub's spec, four languages: about 500 MB with one, 800 MB
with two, by PSS). With one job, one usable core, or no fork (Windows, macOS's default), every language is
rendered here, one after the other.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable, Iterator
from typing import Any

_COST = {"python": 3, "java": 2, "csharp": 1, "go": 1}  # relative render time of each language, measured on big specs

Render = Callable[[str], dict[str, bytes]]


def rendered(languages: tuple[str, ...], jobs: int, render: Render, begun: Callable[[str, bool], None]) -> Iterator[
        tuple[str, dict[str, bytes]]]:
    """(language, files) for each language, in order, made by up to `jobs` processes (this one and forked ones);
    `render(language)` makes one language's files, here or in another process; `begun(language, elsewhere)` is
    told, in this process, before this process renders a language or waits for another's (elsewhere=True)."""
    shares = _shared_out(languages, min(jobs, _usable_cores())) if _can_fork() else [languages]
    if len(shares) == 1:
        for language in languages:
            begun(language, False)
            yield language, render(language)
        return
    import gc
    import multiprocessing

    gc.freeze()  # the model's objects stay out of the collector's reach, so no process copies their pages for it
    context = multiprocessing.get_context("fork")
    answers: dict[str, Any] = {}
    processes = []
    try:
        for share in shares[1:]:
            receiving, sending = context.Pipe(duplex=False)
            process = context.Process(target=_render_in_child, args=(share, render, sending), daemon=True,
                                      name="clientgen-render")
            process.start()
            sending.close()
            processes.append((process, receiving))
            answers.update(dict.fromkeys(share, receiving))
        for language in languages:
            begun(language, language in answers)
            yield language, _answer(answers[language], language) if language in answers else render(language)
    finally:
        for process, receiving in processes:
            receiving.close()
            if process.is_alive():
                process.terminate()
            process.join()
        gc.unfreeze()


def _usable_cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _shared_out(languages: tuple[str, ...], processes: int) -> list[tuple[str, ...]]:
    """The languages of each process, this one's first (each in the order asked): greatest cost first, each to the
    process with the least work so far (this one first, on a tie: it also writes every language). A process left
    without a language is not started."""
    shares: list[list[str]] = [[] for _ in range(max(1, min(processes, len(languages))))]
    for language in sorted(languages, key=lambda name: -_COST.get(name, 1)):
        min(shares, key=lambda share: sum(_COST.get(name, 1) for name in share)).append(language)
    return [tuple(language for language in languages if language in share) for share in shares]


def _render_in_child(languages: tuple[str, ...], render: Render, replies: Any) -> None:
    """The second process: send (language, files) for each of its languages, or (language, None, failure) for the
    first that fails, and stop."""
    try:
        for language in languages:
            try:
                files = render(language)
            except BaseException as exc:  # noqa: BLE001 - re-raised by the first process
                replies.send((language, None, _portable(exc)))
                return
            replies.send((language, files, None))
    except (BrokenPipeError, OSError):
        pass  # the first process stopped listening: the run ended early
    finally:
        replies.close()


def _portable(exc: BaseException) -> BaseException:
    """The exception itself when it survives pickling, else a RuntimeError that names it."""
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:  # noqa: BLE001 - any failure to pickle means: send a description instead
        return RuntimeError(f"{type(exc).__name__}: {exc}")


def _answer(answers: Any, language: str) -> dict[str, bytes]:
    try:
        sent, files, failure = answers.recv()
    except EOFError:
        raise RuntimeError(f"the process rendering {language} ended without an answer") from None
    if sent != language:
        raise RuntimeError(f"the process rendering {language} answered for {sent}")
    if failure is not None:
        raise failure
    return files
