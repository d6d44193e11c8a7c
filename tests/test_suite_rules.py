"""The suite's own rules: every skip goes through conftest.require, and under CI=true a skip fails."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import require

TESTS = Path(__file__).parent
PROJECT = TESTS.parent
# Ways to skip a test other than require(): each one would skip silently in CI.
SKIPS = re.compile(r"pytest\.skip\(|mark\.skip\b|mark\.skipif\b|importorskip\(|\.skipTest\(")


def test_every_skip_goes_through_require():
    offenders = []
    for path in sorted(TESTS.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if SKIPS.search(line) and path != TESTS / "conftest.py" and path != Path(__file__):
                offenders.append(f"{path.relative_to(PROJECT)}:{number}: {line.strip()}")
    assert offenders == [], "use tests.conftest.require(condition, reason) instead:\n" + \
        "\n".join(offenders)


def test_require_passes_skips_or_fails_under_ci(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    require(True, "never shown")
    with pytest.raises(pytest.skip.Exception, match="no such thing"):
        require(False, "no such thing")
    monkeypatch.setenv("CI", "true")
    require(True, "never shown")
    with pytest.raises(pytest.fail.Exception, match="CI=true but no such thing"):
        require(False, "no such thing")


INNER = '''
import pytest
from tests.conftest import require

def test_plain_skip():
    pytest.skip("a plain skip")

@pytest.mark.skipif(True, reason="a skipif")
def test_skipif():
    pass

def test_required():
    require(False, "something missing")

@pytest.mark.xfail(strict=True, reason="a known bug")
def test_known_bug():
    assert False
'''


@pytest.mark.slow
def test_under_ci_any_skip_fails_but_an_expected_failure_stays_one(tmp_path):
    # Outside CI the same three tests skip: test_require_passes_skips_or_fails_under_ci.
    (tmp_path / "conftest.py").write_text(
        "from tests.conftest import pytest_runtest_makereport  # noqa: F401\n", encoding="utf-8")
    (tmp_path / "test_inner.py").write_text(INNER, encoding="utf-8")
    env = {**os.environ, "CI": "true"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT), env.get("PYTHONPATH")]))
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q",
         "-rA", "-c", os.devnull, "--rootdir", str(tmp_path), str(tmp_path)],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    summary = result.stdout.strip().splitlines()[-1]
    # A skipif skips at setup, so it fails as an error.
    assert "2 failed" in summary and "1 error" in summary and "1 xfailed" in summary, \
        result.stdout
    assert "skipped" not in summary and result.returncode == 1
    for reason in ("a plain skip", "a skipif", "something missing"):
        assert "CI=true but" in result.stdout and reason in result.stdout, reason


def test_ci_runs_with_the_shared_data_and_ci_set():
    script = (PROJECT / ".ci" / "run").read_text(encoding="utf-8")
    assert "export CI=true" in script
    assert re.search(r'export SEARCHAPP_DATA_DIR=.*\$\(cd \.\. && pwd\)/shared/data', script)
    assert re.search(r'export SEARCHAPP_GOLD_DIR=.*\$\(cd \.\. && pwd\)/shared/gold', script)
