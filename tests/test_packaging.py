"""The installed package holds every module: each folder of asean_sec with an __init__.py is a
package that setup.cfg lists (an editable install finds modules the wheel would leave out)."""

from __future__ import annotations

import configparser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_subpackage_is_listed_in_setup_cfg():
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg")
    listed = set(config["options"]["packages"].split())
    found = {".".join(init.parent.relative_to(ROOT).parts) for init in (ROOT / "asean_sec").rglob("__init__.py")}
    assert found <= listed, sorted(found - listed)
