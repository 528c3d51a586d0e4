"""Imported once by the workers' fork server (flows/isolation.py): the models load there, so every
worker, the first and each one started after a crash or timeout, is forked with them loaded."""

from flows import pipeline

pipeline._warm_up()
