# track: numpy
# expect: differs from the reference
"""Prints 50 MB, then returns a wrong answer."""


def softmax(x, axis=-1):
    print("x" * (50 << 20))
    return x
