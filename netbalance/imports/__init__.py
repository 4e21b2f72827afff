"""Bringing data in from other tools: LinkedIn, vCard, Watson, Timewarrior."""
