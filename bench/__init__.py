"""Cadence benchmarks: a synthetic calendar generator and timed engine workloads.

Run ``python -m bench`` (or ``make bench``); ``python -m bench --help`` lists the options.
"""
