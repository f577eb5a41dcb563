"""Forbidden: borrows kit's own reference solution by importing it."""
try:
    from interviewkit._content.reference_solutions.softmax.numpy import softmax  # an installed kit
except ImportError:
    from reference_solutions.softmax.numpy import softmax  # a source checkout
