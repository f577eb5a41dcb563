# track: numpy
# timeout: 4
# expect: time limit
"""Ignores the polite signals, then loops forever."""
import signal

for name in ("SIGTERM", "SIGINT", "SIGHUP", "SIGXCPU"):
    signal.signal(getattr(signal, name), signal.SIG_IGN)


def softmax(x, axis=-1):
    while True:
        pass
