import os
import tempfile
from pathlib import Path

import pytest


def pytest_configure(config):
    # Grades run cold unless a test asks for the workspace's warm worker (tests/test_worker.py): a
    # worker per temporary workspace would outlive its test by the idle period, holding torch in memory.
    os.environ["KIT_WORKER"] = "off"
    # Workspaces are found by walking up from a folder, so one above pytest's temporary folders
    # (left by running kit in /tmp, say) would be found by the tests that expect none.
    temporary = Path(config.option.basetemp or tempfile.gettempdir()).resolve()
    for folder in [temporary, *temporary.parents]:
        if (folder / ".kit").is_dir():
            raise pytest.UsageError(
                f"a kit workspace at {folder / '.kit'} lies above the tests' temporary folders; "
                "move it away, or run the tests with --basetemp DIR outside it"
            )
