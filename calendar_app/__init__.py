"""Cadence: a content calendar that keeps every key message on the air."""

__version__ = "0.1.0"
