"""kit: an offline command-line dojo for machine-learning coding interviews."""

__version__ = "0.1.0"
