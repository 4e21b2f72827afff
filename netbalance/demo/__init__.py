"""Deterministic sample data: the generator (`sample`) and the words it is made of."""
