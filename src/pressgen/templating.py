"""The template machinery: one sandboxed Jinja environment, its loader, its errors.

Every template pressgen renders (the wording, the HTML page, the draft of a next
meeting) runs here, because a template folder may come from someone else:

- the sandbox refuses private attributes and anything but reading, and templates
  get only plain read-only data (:func:`pressgen.plain.plain`), never a live object;
- every template, include, import and extends is read through
  :func:`pressgen.resources.find`, which keeps reads inside the template folders;
- every render is bounded in time, steps and size (:mod:`pressgen.bounds`);
- undefined names are errors (StrictUndefined), and autoescape is on for markup;
- any failure becomes a :class:`TemplateError` naming the template file and line.
"""

from __future__ import annotations

import datetime as dt
import functools
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.runtime import LoopContext, Macro, markup_join, str_join
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import pass_context, pass_eval_context
from jinja2.visitor import NodeTransformer
from markupsafe import Markup

from . import bounds, resources
from .bounds import DEFAULT_LIMITS, MAX_CALL_DEPTH, MAX_RANGE, Limits, Refused, Timeout
from .errors import PressgenError, TemplateError
from .plain import Record, plain

BUILTIN = "pressgen/"
"""The prefix of a template name that always means the package's own template."""

_DATE_ATTRIBUTES = frozenset(
    {"year", "month", "day", "hour", "minute", "second", "isoformat", "weekday", "isoweekday"}
)


class _Loader(jinja2.BaseLoader):
    """Reads templates through the resolver, so no read leaves the template folders."""

    def __init__(self, user_dirs: tuple[Path, ...]) -> None:
        self.user_dirs = user_dirs
        self.files: set[str] = set()

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        path = resources.locate(template, self.user_dirs)
        if path is None and template.startswith(BUILTIN):
            # "pressgen/<name>" always names the built-in template, so that a house
            # style of the same name can extend the one it replaces.
            path = resources.locate(template.removeprefix(BUILTIN))
        if path is None:
            raise jinja2.TemplateNotFound(template)
        try:
            source = resources.read_file(path).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise TemplateError(f"not UTF-8 text: {exc}", str(path)) from None
        mtime = path.stat().st_mtime_ns
        self.files.add(str(path))
        return source, str(path), lambda: path.exists() and path.stat().st_mtime_ns == mtime


class _Bounded(NodeTransformer):
    """Routes every loop and every ``~`` through the environment, which counts them."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        node.iter = nodes.Call(
            nodes.EnvironmentAttribute("bounded_items"), [node.iter], [], None, None
        ).set_lineno(node.lineno)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        call = nodes.Call(nodes.EnvironmentAttribute("bounded_concat"), node.nodes, [], None, None)
        return call.set_lineno(node.lineno)


@pass_eval_context
def _concat(eval_ctx: Any, *parts: Any) -> str:
    bounds.expect(sum(bounds.length(part) for part in parts), "a joined text")
    joined: str = (markup_join if eval_ctx.autoescape else str_join)(parts)
    return joined


def _check_call(function: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Refuse a string method call that would make a text too long, before it runs."""
    owner = getattr(function, "__self__", None)
    if not isinstance(owner, str):
        return
    name = getattr(function, "__name__", "")
    _check_text_operation(name, owner, list(args) + list(kwargs.values()))


def _check_text_operation(name: str, text: str, args: list[Any]) -> None:
    first = args[0] if args else None
    if name in ("center", "ljust", "rjust", "zfill") and isinstance(first, int):
        bounds.expect(first)
    elif name == "expandtabs":
        tab = first if isinstance(first, int) else 8
        bounds.expect(len(text) + text.count("\t") * tab)
    elif name == "replace" and len(args) >= 2:
        old, new = str(args[0]), str(args[1])
        count = text.count(old) if old else len(text) + 1
        bounds.expect(len(text) + count * len(new))
    elif name == "join" and isinstance(first, (list, tuple)):
        bounds.expect(len(text) * len(first) + sum(bounds.length(i) for i in first))
    elif name in ("translate", "maketrans"):
        raise Refused(f"str.{name} is not available in templates")


def _check_filter(name: str, value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Refuse a filter call that would make something too big, before it runs."""
    rest = list(args) + list(kwargs.values())
    if name in ("center", "replace"):
        _check_text_operation(name, str(value), rest)
    elif name == "indent" and rest:
        width = rest[0] if isinstance(rest[0], int) else bounds.length(rest[0])
        bounds.expect(len(str(value)) + (str(value).count("\n") + 1) * width)
    elif name == "wordwrap":
        wrap = kwargs.get("wrapstring", args[2] if len(args) > 2 else "\n")
        bounds.expect(len(str(value)) * (1 + len(str(wrap or ""))))
    elif name == "format":
        bounds.check_percent_format(str(value))
    elif name in ("batch", "slice") and rest and isinstance(rest[0], int) and rest[0] > MAX_RANGE:
        raise Refused(f"{name} into more than {MAX_RANGE}")
    elif name == "tojson" and rest and isinstance(rest[0], int) and rest[0] > 16:
        raise Refused("tojson indents by at most 16")
    elif name == "join" and isinstance(value, (list, tuple)):
        separator = bounds.length(rest[0]) if rest else 0
        bounds.expect(separator * len(value) + sum(bounds.length(i) for i in value))


def _guarded(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """A filter that counts its call, checks its arguments and the size of its result."""
    passes = getattr(function, "jinja_pass_arg", None) is not None

    @functools.wraps(function)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        bounds.step()
        value, rest = (args[1], args[2:]) if passes else (args[0], args[1:])
        _check_filter(name, value, rest, kwargs)
        return bounds.sized(function(*args, **kwargs))

    return guarded


class _Filters(dict[str, Callable[..., Any]]):
    """The environment's filters: each one guarded when it is registered."""

    def __setitem__(self, name: str, function: Callable[..., Any]) -> None:
        super().__setitem__(name, _guarded(name, function))

    def update(self, *args: Any, **kwargs: Any) -> None:
        for name, function in dict(*args, **kwargs).items():
            self[name] = function


@pass_context
def _each(context: Any, items: Iterable[Any], function: Any, *args: Any) -> list[Any]:
    """Apply a macro (or any callable) to every item: ``participants|each(attendee)``;
    further arguments go to each call: ``each(attendee, "title-first")``. Each call
    goes through the sandbox, as a call written in the template would."""
    return [context.environment.call(context, function, item, *args) for item in items]


def _sentence_start(text: Any) -> Any:
    """The text with its first letter capitalised (the rest untouched, unlike ``capitalize``)."""
    if isinstance(text, Markup):
        return Markup(text[:1].upper()) + text[1:]
    return str(text)[:1].upper() + str(text)[1:]


class Sandbox(ImmutableSandboxedEnvironment):
    """pressgen's Jinja environment: the sandbox, with its limits and its loader."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, loader: jinja2.BaseLoader, *, markup: bool, limits: Limits) -> None:
        super().__init__(
            loader=loader,
            autoescape=markup,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=not markup,
            finalize=self._finalize,
        )
        self.limits = limits
        self.filters = _Filters()
        self.filters.update(jinja2.filters.FILTERS, each=_each, sentence_start=_sentence_start)
        self.globals.pop("lipsum", None)  # makes text of any length, and no release needs it
        self.globals["range"] = self._range

    bounded_concat = staticmethod(_concat)

    def bounded_items(self, iterable: Iterable[Any]) -> Iterator[Any]:
        """A loop's items, each one counted as a step."""
        for item in iterable:
            bounds.step()
            yield item

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        bounded: nodes.Template = _Bounded().visit(tree)
        return bounded

    def _range(self, *args: int) -> range:
        numbers = range(*args)
        if len(numbers) > MAX_RANGE:
            raise Refused(f"a range of more than {MAX_RANGE} numbers")
        return numbers

    def _finalize(self, value: Any) -> Any:
        if isinstance(value, str):
            budget = bounds.BUDGET.get()
            if budget is not None:
                budget.check_time()
                budget.produce(len(value))
        return value

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if isinstance(obj, (dt.date, dt.time)) and attr not in _DATE_ATTRIBUTES:
            return False
        return super().is_safe_attribute(obj, attr, value)

    def getattr(self, obj: Any, attribute: str) -> Any:
        bounds.check_time()
        if isinstance(obj, Record) and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        bounds.check_time()
        return super().getitem(obj, argument)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        bounds.check_time()
        if operator == "*":
            bounds.check_multiply(left, right)
        elif operator == "**":
            bounds.check_power(left, right)
        elif operator == "%" and isinstance(left, str):
            bounds.check_percent_format(left)
        elif operator == "+" and isinstance(left, (str, list, tuple)) and hasattr(right, "__len__"):
            bounds.expect(len(left) + len(right))
        return bounds.sized(super().call_binop(context, operator, left, right))

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        owner = getattr(value, "__self__", None)
        if isinstance(owner, str) and getattr(value, "__name__", "") in ("format", "format_map"):
            bounds.check_brace_format(owner)
        return super().wrap_str_format(value)

    def call(self, context: Any, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        budget = bounds.BUDGET.get()
        if budget is not None:
            budget.step()
        _check_call(obj, args, kwargs)
        nested = isinstance(obj, (Macro, LoopContext))
        if nested and budget is not None:
            budget.depth += 1
            if budget.depth > MAX_CALL_DEPTH:
                raise Refused(f"macros or recursive loops nested more than {MAX_CALL_DEPTH} deep")
        try:
            return bounds.sized(super().call(context, obj, *args, **kwargs))
        finally:
            if nested and budget is not None:
                budget.depth -= 1


class Templates:
    """A sandboxed environment over a template search path, with pressgen's errors.

    ``markup=False`` is for templates that write plain text (the YAML of a draft),
    where every value is quoted by a filter instead of escaped.
    """

    def __init__(
        self,
        user_dirs: Sequence[Path] = (),
        *,
        markup: bool = True,
        limits: Limits = DEFAULT_LIMITS,
    ) -> None:
        self.loader = _Loader(tuple(user_dirs))
        self.env = Sandbox(self.loader, markup=markup, limits=limits)

    def add_filters(self, **filters: Callable[..., Any]) -> None:
        """Register filters (each guarded like the built-in ones)."""
        self.env.filters.update(filters)

    def _where(self, exc: BaseException, name: str) -> tuple[str, int]:
        # Jinja rewrites tracebacks so that template frames carry the template's file
        # name and line: the innermost such frame is where the template failed.
        for frame in reversed(traceback.extract_tb(exc.__traceback__)):
            if frame.filename in self.loader.files:
                return frame.filename, frame.lineno or 0
        return name, 0

    def _template(self, name: str) -> jinja2.Template:
        try:
            return self.env.get_template(name)
        except jinja2.TemplateNotFound:
            raise TemplateError("template not found", name) from None
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(
                exc.message or "syntax error", exc.filename or name, exc.lineno
            ) from None

    def render_page(self, name: str, **context: Any) -> str:
        """Render template ``name`` with ``context`` (made plain data); return its text."""
        data = plain(context)
        budget = bounds.Budget(self.env.limits)
        token = bounds.BUDGET.set(budget)
        try:
            # Compiling is inside the limits too: Jinja runs filters on constants then.
            with bounds.Watchdog(self.env.limits.seconds):
                return self._generate(self._template(name), budget, data)
        except Timeout as exc:
            # The traceback was not rewritten by Jinja: its lines are not the template's.
            where, _line = self._where(exc, self.path_of(name))
            raise TemplateError(
                f"refused: rendering took longer than {self.env.limits.seconds:g} s"
                " (a loop that never ends?)",
                where,
            ) from None
        finally:
            bounds.BUDGET.reset(token)

    def _generate(self, template: jinja2.Template, budget: bounds.Budget, context: Any) -> str:
        file = template.filename or template.name or "<template>"
        chunks: list[str] = []
        size = 0
        try:
            for chunk in template.generate(**context):
                size += len(chunk)
                if size > budget.limits.output_chars:
                    raise Refused(f"output longer than {budget.limits.output_chars} characters")
                budget.check_time()
                chunks.append(chunk)
        except PressgenError:
            raise
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(
                exc.message or "syntax error", exc.filename or file, exc.lineno
            ) from None
        except jinja2.TemplateNotFound as exc:
            found_in, line = self._where(exc, file)
            raise TemplateError(f"template not found: {exc.name}", found_in, line) from None
        except RecursionError as exc:
            found_in, line = self._where(exc, file)
            raise TemplateError(
                "refused: the template calls itself without end (a macro, include or extends)",
                found_in,
                line,
            ) from None
        except Refused as exc:
            found_in, line = self._where(exc, file)
            raise TemplateError(f"refused: {exc}", found_in, line) from None
        except Exception as exc:  # any failure inside a template is the template's
            found_in, line = self._where(exc, file)
            raise TemplateError(f"{type(exc).__name__}: {exc}", found_in, line) from None
        return "".join(chunks)

    def path_of(self, name: str) -> str:
        """The file a template name resolves to (for messages)."""
        try:
            return str(resources.locate(name, self.loader.user_dirs) or name)
        except PressgenError:
            return name


@cache
def page_environment(user_dirs: tuple[Path, ...] = ()) -> Templates:
    """The templates for writers' pages (HTML), over a search path."""
    return Templates(user_dirs)
