# track: numpy
# expect: forbids
"""Imports kit's own reference solution."""
try:
    from interviewkit._content.reference_solutions.softmax.numpy import softmax
except ImportError:
    from reference_solutions.softmax.numpy import softmax
