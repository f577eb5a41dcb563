# track: numpy
# expect: Permission denied
"""Reads kit's reference solution from disk and runs it (importing it is refused; open() and exec are
not imports): the kernel (Landlock) keeps the sandbox from reading kit's references and graders."""
import os


def _reference_path() -> str:
    # An attacker knows where kit is installed; the test says where this checkout is.
    repo = os.environ.get("KIT_TEST_REPO", "/work/main")
    for root in (os.path.join(repo, "interviewkit", "_content"), repo):
        path = os.path.join(root, "reference_solutions", "softmax", "numpy.py")
        if os.path.exists(path):
            return path
    return os.path.join(repo, "reference_solutions", "softmax", "numpy.py")


def softmax(x, axis=-1):
    namespace = {}
    with open(_reference_path()) as handle:
        exec(handle.read(), namespace)
    return namespace["softmax"](x, axis)
