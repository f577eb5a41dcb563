# track: numpy
# expect: ended the sandbox process
"""Ends the process with status 0 in the middle of a call."""
import os


def softmax(x, axis=-1):
    os._exit(0)
