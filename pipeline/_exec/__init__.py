"""Wrappers of the external programs the pipeline runs, one module per program: the only places
that know their command lines, their output formats and how they fail."""
