"""Likely duplicate people and organisations: found by PostgreSQL, listed, marked "not a duplicate", warned of.

finder.py rebuilds the pairs of a whole kind in a few SQL statements (self-joins on normalised keys, trigram
similarity within blocks) and refreshes one record's pairs cheaply; probe.py finds the likely duplicates of
values not saved yet (the forms' warnings), with the same reasons and scores.
"""
