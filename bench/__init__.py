"""Benchmarks of the site build and the self-assessment, each against a baseline of the same run.

``python -m bench.run_all`` runs them all (``make bench``); ``--only NAME`` runs one. Results are
written as JSON under ``bench/results/`` and printed as a table; BENCHMARKS.md records the figures.
These are measurements, not tests: ``tests/bench/`` only checks that every script runs end to end.
"""
