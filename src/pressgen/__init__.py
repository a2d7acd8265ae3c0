"""pressgen: the facts of a meeting in, its official press release out.

The public API; see the README for a tour. Each name is imported from its module on
first use (PEP 562), so ``import pressgen`` costs almost nothing and the command
line loads only what its command needs: ``pressgen check`` never imports Jinja or a
writer, ``pressgen --version`` nothing at all. ``from pressgen import render`` and
``pressgen.render`` work as with plain imports; the type checker reads the imports
under ``TYPE_CHECKING``.
"""

import importlib as _importlib
import sys as _sys
import types as _types
import typing as _typing

from ._version import __version__ as __version__

if _typing.TYPE_CHECKING:
    from .batch import BatchStopped as BatchStopped
    from .batch import Outcome as Outcome
    from .batch import render_many as render_many
    from .build import build as build
    from .build import render as render
    from .build import render_to as render_to
    from .errors import DataError as DataError
    from .errors import InputError as InputError
    from .errors import PressgenError as PressgenError
    from .errors import TemplateError as TemplateError
    from .errors import UsageError as UsageError
    from .errors import WriteError as WriteError
    from .load import DataWarning as DataWarning
    from .load import load_meeting as load_meeting
    from .load import meeting_from_data as meeting_from_data
    from .model import Meeting as Meeting
    from .tree import Release as Release

__all__ = [
    "BatchStopped",
    "DataError",
    "DataWarning",
    "InputError",
    "Meeting",
    "Outcome",
    "PressgenError",
    "Release",
    "TemplateError",
    "UsageError",
    "WriteError",
    "build",
    "load_meeting",
    "meeting_from_data",
    "render",
    "render_many",
    "render_to",
]

_HOME = {
    "BatchStopped": "batch",
    "DataError": "errors",
    "DataWarning": "load",
    "InputError": "errors",
    "Meeting": "model",
    "Outcome": "batch",
    "PressgenError": "errors",
    "Release": "tree",
    "TemplateError": "errors",
    "UsageError": "errors",
    "WriteError": "errors",
    "build": "build",
    "load_meeting": "load",
    "meeting_from_data": "load",
    "render": "build",
    "render_many": "batch",
    "render_to": "build",
}
"""The module each public name comes from."""


def __getattr__(name: str) -> object:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(_importlib.import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


class _Package(_types.ModuleType):
    # Importing a submodule sets it as an attribute of its package: the module
    # pressgen.build would then hide the function pressgen.build, which plain imports
    # in this file used to overwrite. A public name is never replaced by a module.
    def __setattr__(self, name: str, value: object) -> None:
        if name in _HOME and isinstance(value, _types.ModuleType):
            return
        super().__setattr__(name, value)


_sys.modules[__name__].__class__ = _Package
