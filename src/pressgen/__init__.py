"""pressgen: the facts of a meeting in, its official press release out.

The public API; see the README for a tour.
"""

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
