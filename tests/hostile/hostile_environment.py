# track: numpy
# setup: environment
# expect: differs from the reference
"""Graded with PYTEST_ADDOPTS, PYTEST_PLUGINS and PYTHONPATH naming a plugin that passes every
test (the test sets them), then returns a wrong answer."""


def softmax(x, axis=-1):
    return x
