"""netbalance: time-box producing against networking."""

__version__ = "0.1.0"
