"""The domain every stage shares: the records passed between stages (`domain.records`) and the
vocabulary of Vietnamese administrative documents (`domain.vocab`, `domain.naming`).

It sits below `pipeline`, `diacritics` and `patterns` and imports none of them.
"""
