"""How much work one template render may do: the limits, and the checks that keep them.

A template from someone else's folder must not hang a batch worker or eat its
memory. Every render gets a :class:`Budget` (time, steps, characters produced, call
depth) kept in a context variable, so renders in several threads at once each have
their own. The sandbox's hooks (attribute access, calls, operators, loops, output)
check it and end the render with :class:`Refused`; a watchdog thread ends a render
that runs past its deadline without reaching a hook (see :class:`Watchdog`).
Memory is bounded through sizes: no operation may make a string or sequence longer
than ``MAX_VALUE_CHARS`` nor a number wider than ``MAX_NUMBER_BITS``, checked before
the work wherever the size can be known in advance.
"""

from __future__ import annotations

import ctypes
import re
import string
import threading
import time
from collections.abc import Sized
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

MAX_RENDER_SECONDS = 5.0
"""Wall-clock time one render may take (a release takes milliseconds)."""
MAX_STEPS = 1_000_000
"""Loop iterations and calls one render may make."""
MAX_RANGE = 10_000
"""Longest ``range()`` a template may make."""
MAX_VALUE_CHARS = 1_000_000
"""Longest string or sequence one operation in a template may make."""
MAX_PRODUCED_CHARS = 20_000_000
"""Characters one render may produce in all (values written, joined, returned)."""
MAX_OUTPUT_CHARS = 10_000_000
"""Longest output of one render."""
MAX_NUMBER_BITS = 4096
"""Widest whole number an operation in a template may make (about 1,200 digits)."""
MAX_CALL_DEPTH = 64
"""Deepest nesting of macro calls and recursive loops."""
MAX_FORMAT_WIDTH = 1_000
"""Widest field of a format string ("%5d", "{:>5}")."""


class Refused(Exception):
    """A template went past one of the limits (the message says which)."""


class Timeout(BaseException):
    """Raised into a render's thread by the watchdog; a BaseException, so no filter's
    ``except Exception`` swallows it."""


@dataclass(frozen=True)
class Limits:
    """The limits of one environment's renders (the module's constants by default)."""

    seconds: float = MAX_RENDER_SECONDS
    steps: int = MAX_STEPS
    output_chars: int = MAX_OUTPUT_CHARS


DEFAULT_LIMITS = Limits()


@dataclass
class Budget:
    """What one render has used so far."""

    limits: Limits
    deadline: float = field(init=False)
    steps: int = 0
    produced: int = 0
    depth: int = 0

    def __post_init__(self) -> None:
        self.deadline = time.monotonic() + self.limits.seconds

    def step(self) -> None:
        """Count one step, and check the clock."""
        self.steps += 1
        if self.steps > self.limits.steps:
            raise Refused(f"more than {self.limits.steps} loop iterations and calls")
        self.check_time()

    def check_time(self) -> None:
        """Refuse to go on past the deadline."""
        if time.monotonic() > self.deadline:
            raise Refused(f"rendering took longer than {self.limits.seconds:g} s")

    def produce(self, size: int) -> None:
        """Count characters produced."""
        self.produced += size
        if self.produced > MAX_PRODUCED_CHARS:
            raise Refused(f"more than {MAX_PRODUCED_CHARS} characters produced")


BUDGET: ContextVar[Budget | None] = ContextVar("pressgen_template_budget", default=None)


def step() -> None:
    """Count a step of the current render, if there is one."""
    budget = BUDGET.get()
    if budget is not None:
        budget.step()


def check_time() -> None:
    """Check the current render's deadline, if there is one."""
    budget = BUDGET.get()
    if budget is not None:
        budget.check_time()


def sized(value: Any) -> Any:
    """``value``, after checking its size and counting it as produced."""
    if isinstance(value, int) and not isinstance(value, bool):
        if value.bit_length() > MAX_NUMBER_BITS:
            raise Refused(f"a number wider than {MAX_NUMBER_BITS} bits")
    elif isinstance(value, Sized) and not isinstance(value, range):
        size = len(value)
        if size > MAX_VALUE_CHARS:
            raise Refused(f"a value longer than {MAX_VALUE_CHARS}")
        budget = BUDGET.get()
        if budget is not None:
            budget.produce(size)
    return value


def expect(size: int, what: str = "a value") -> None:
    """Refuse an operation that would make something longer than ``MAX_VALUE_CHARS``."""
    if size > MAX_VALUE_CHARS:
        raise Refused(f"{what} longer than {MAX_VALUE_CHARS}")


def length(value: Any) -> int:
    """The length of a value as text."""
    return len(value) if isinstance(value, str) else len(str(value))


_PERCENT = re.compile(r"%[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")


def check_percent_format(template: str) -> None:
    """Refuse a %-format with a field width or precision past ``MAX_FORMAT_WIDTH``."""
    for match in _PERCENT.finditer(template):
        for number in match.groups():
            if number == "*" or (number and int(number) > MAX_FORMAT_WIDTH):
                raise Refused(f"a format field wider than {MAX_FORMAT_WIDTH}")


def check_brace_format(template: str) -> None:
    """The same for a ``str.format`` template (nested fields are refused)."""
    for _text, _name, spec, _conversion in string.Formatter().parse(template):
        if spec and (
            "{" in spec or any(int(n) > MAX_FORMAT_WIDTH for n in re.findall(r"\d+", spec))
        ):
            raise Refused(f"a format field wider than {MAX_FORMAT_WIDTH}")


def check_multiply(left: Any, right: Any) -> None:
    """Refuse ``left * right`` when the result would be too big."""
    for seq, times in ((left, right), (right, left)):
        if isinstance(seq, (str, list, tuple)) and isinstance(times, int):
            expect(len(seq) * max(times, 0))
            return
    wide = isinstance(left, int) and isinstance(right, int)
    if wide and left.bit_length() + right.bit_length() > MAX_NUMBER_BITS:
        raise Refused(f"a number wider than {MAX_NUMBER_BITS} bits")


def check_power(base: Any, exponent: Any) -> None:
    """Refuse ``base ** exponent`` when the result would be too wide."""
    if not (isinstance(base, int) and isinstance(exponent, int)) or exponent <= 0:
        return
    if abs(base) > 1 and (abs(base).bit_length() - 1) * exponent > MAX_NUMBER_BITS:
        raise Refused(f"a number wider than {MAX_NUMBER_BITS} bits")


class Watchdog:
    """Ends a render that outlives its deadline, in whatever thread it runs.

    Signals reach only the main thread, and a tight template loop may never reach a
    hook that checks the clock, so a timer thread raises :class:`Timeout` in the
    rendering thread (CPython's ``PyThreadState_SetAsyncExc``). A lock makes sure it
    is never raised once the render is over.
    """

    def __init__(self, seconds: float) -> None:
        self._thread = threading.get_ident()
        self._lock = threading.Lock()
        self._done = False
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True

    def _raise(self, exception: type[BaseException] | None) -> None:
        set_async = ctypes.pythonapi.PyThreadState_SetAsyncExc
        set_async(ctypes.c_ulong(self._thread), ctypes.py_object(exception) if exception else None)

    def _fire(self) -> None:
        with self._lock:
            if not self._done:
                self._fired = True
                self._raise(Timeout)

    def __enter__(self) -> Watchdog:
        self._fired = False
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            self._done = True
            if self._fired:
                self._raise(None)  # withdraw it if it has not been raised yet
        self._timer.cancel()
        self._timer.join()
