"""The version of pressgen, in a module of its own: ``pressgen --version`` reads it
without importing the library (or ``importlib.metadata``); the build reads it too."""

__version__ = "0.1.0"
