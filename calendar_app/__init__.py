"""Cadence: a content calendar that keeps every key message on the air."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("cadence")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
