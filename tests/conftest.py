import tempfile
from pathlib import Path

import pytest


def pytest_configure(config):
    # Workspaces are found by walking up from a folder, so one above pytest's temporary folders
    # (left by running kit in /tmp, say) would be found by the tests that expect none.
    temporary = Path(config.option.basetemp or tempfile.gettempdir()).resolve()
    for folder in [temporary, *temporary.parents]:
        if (folder / ".kit").is_dir():
            raise pytest.UsageError(
                f"a kit workspace at {folder / '.kit'} lies above the tests' temporary folders; "
                "move it away, or run the tests with --basetemp DIR outside it"
            )
