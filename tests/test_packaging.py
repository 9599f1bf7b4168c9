"""The wheel ships the plugin, not the development tools (demo, benchmark data)."""

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEVELOPMENT_ONLY = ("saleor_b2b_groups/demo/", "saleor_b2b_groups/benchdata/")


def test_the_wheel_has_no_demo_or_benchmark_data(tmp_path):
    subprocess.run(
        [
            *(sys.executable, "-m", "pip", "wheel", "--no-deps"),
            *("--no-build-isolation", "-q", "-w", str(tmp_path), str(ROOT)),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("saleor_b2b_groups-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "saleor_b2b_groups/patches.py" in names
    assert "saleor_b2b_groups/webhooks/schemas/" in {
        name.rsplit("/", 1)[0] + "/" for name in names if name.endswith(".json")
    }
    assert not [name for name in names if name.startswith(DEVELOPMENT_ONLY)]


def test_the_demo_and_benchmark_data_load_in_the_development_install():
    from saleor_b2b_groups import benchdata, demo

    assert demo.LOADERS
    assert benchdata.STEPS
