"""Compiled Jinja templates kept between processes, in the user's cache folder.

Every pressgen process used to compile its templates from source (~34 ms for a
release, more than the wording itself); an editor running ``pressgen check`` on
every save, or each ``--jobs`` worker, paid it again. Jinja can keep the compiled
code in a :class:`jinja2.BytecodeCache`; this one finds an entry by everything the
compiled code depends on — the template's source, name and file, the environment's
syntax and sandbox settings, the Jinja and Python versions — so an entry is either
right or not found: an edited template, another template folder or another Jinja
simply compiles anew. Entries are written whole (a temporary file, then a rename),
so processes running at once never read half an entry.

The folder is ``$XDG_CACHE_HOME/pressgen/jinja`` (``~/.cache/pressgen/jinja``). It
holds code that is run, so it is used only if it belongs to this user and no one
else may write to it; otherwise templates are compiled as before. An entry is
code pressgen compiled from a template it read itself: loading one runs nothing the
template could not run, in the same sandbox, whose checks are made as the code runs
(the sandbox's rewriting of loops and concatenations while parsing is covered by
the key: the source of the module that defines the environment's class).
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
from functools import cache, lru_cache
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket, FileSystemBytecodeCache

# What the compiled code of a template depends on, besides its source (see
# jinja2.lexer.get_lexer and jinja2.compiler.CodeGenerator).
_SETTINGS = (
    "block_start_string",
    "block_end_string",
    "variable_start_string",
    "variable_end_string",
    "comment_start_string",
    "comment_end_string",
    "line_statement_prefix",
    "line_comment_prefix",
    "trim_blocks",
    "lstrip_blocks",
    "newline_sequence",
    "keep_trailing_newline",
    "optimized",
    "is_async",
    "sandboxed",
    "intercepted_binops",
    "intercepted_unops",
)


def _describe(value: object) -> str:
    """A stable text for a setting: a function by its name, never by its address."""
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', '')}"
    if isinstance(value, frozenset | set):
        return repr(sorted(value))
    return repr(value)


@lru_cache(maxsize=8)
def _module_digest(module_name: str) -> str:
    """A digest of a module's source file: a subclass may change how it compiles."""
    file = getattr(sys.modules.get(module_name), "__file__", None)
    if not file:
        return ""
    try:
        return hashlib.sha256(Path(file).read_bytes()).hexdigest()
    except OSError:
        return ""


def environment_key(environment: jinja2.Environment) -> str:
    """The settings of ``environment`` that shape compiled templates, as one text."""
    parts = [
        jinja2.__version__,
        sys.implementation.cache_tag or sys.version,
        _describe(type(environment)),
        _module_digest(type(environment).__module__),
        _describe(environment.code_generator_class),
        _describe(environment.autoescape),
        _describe(environment.finalize),
        repr(sorted(environment.extensions)),
    ]
    parts += [f"{name}={_describe(getattr(environment, name, None))}" for name in _SETTINGS]
    return "\n".join(parts)


class ContentBytecodeCache(FileSystemBytecodeCache):
    """A file system bytecode cache whose keys are the content the code is made from."""

    def get_bucket(
        self, environment: jinja2.Environment, name: str, filename: str | None, source: str
    ) -> Bucket:
        digest = hashlib.sha256()
        for part in (environment_key(environment), name, filename or "", source):
            digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
        bucket = Bucket(environment, digest.hexdigest(), self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket


def cache_folder() -> Path:
    """Where compiled templates are kept: ``$XDG_CACHE_HOME/pressgen/jinja``."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "pressgen" / "jinja"


def _private_folder(folder: Path) -> bool:
    """Make ``folder`` (0700) if need be; whether only this user can write to it."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        status = folder.lstat()
    except OSError:
        return False
    if not stat.S_ISDIR(status.st_mode) or status.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return False
    return not hasattr(os, "getuid") or status.st_uid == os.getuid()


@cache
def bytecode_cache() -> jinja2.BytecodeCache | None:
    """The process's bytecode cache, or None when there is no safe folder for one.

    Pass it to a Jinja environment: ``Environment(..., bytecode_cache=bytecode_cache())``.
    """
    folder = cache_folder()
    if not folder.is_absolute() or not _private_folder(folder):
        return None
    return ContentBytecodeCache(str(folder), "%s.jinja")
