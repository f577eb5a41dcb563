# track: numpy
# expect: SystemExit
"""Leaves with status 0 while being imported, hoping an exit status is taken for a verdict."""
import sys

sys.exit(0)


def softmax(x, axis=-1):
    return x
