import socket
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "cortex-examples"
"""The real corpus, copied into the project (see its README.md for source and licence)."""


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite golden/expected files from current output")


SHARED_SET_UP = ("tests/test_pre_commit.py", "tests/test_lsp.py", "tests/test_lsp_navigation.py")
"""Modules whose tests share a module-scoped set-up (the pre-commit hook's environment, a language server)."""


FIRST = (*SHARED_SET_UP, "tests/test_scale.py")
"""Modules that run first: under pytest-xdist a worker builds a shared set-up (mostly waiting for
pip, or for a server to start) while the others run the rest, and the longest single tests (the
scale tests, about a second each) do not start last on one worker while the others idle."""


def pytest_collection_modifyitems(items):
    order = {module: rank for rank, module in enumerate(FIRST)}
    items.sort(key=lambda item: order.get(item.nodeid.split("::")[0], len(FIRST)))


def pytest_xdist_make_scheduler(config, log):
    """Tests go one by one to whichever worker is free (so no worker is left with a long file at
    the end), except that each module of SHARED_SET_UP stays on one worker, to build its set-up once.
    (``--dist loadgroup`` would do this with marks, but it does not group under pytest 9.2.)"""
    from xdist.scheduler import LoadScopeScheduling

    class Scheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            module = nodeid.split("::")[0]
            return module if module in SHARED_SET_UP else nodeid

    return Scheduling(config, log)


@pytest.fixture
def update_golden(request):
    return request.config.getoption("--update-golden")


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch):
    """The suite behaves the same on a developer machine and under GitHub Actions."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


@pytest.fixture(autouse=True)
def no_internet(monkeypatch):
    """Tests may talk to servers on loopback only."""
    real_connect = socket.socket.connect

    def guarded(self, address):
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and not (host.startswith("127.") or host in ("localhost", "::1")) and self.family != socket.AF_UNIX:
            raise RuntimeError(f"test tried to reach the network: {address!r}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


def check_golden(path: Path, actual: str, update: bool) -> None:
    """Compare ``actual`` with the golden file; ``pytest --update-golden`` rewrites it."""
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"missing golden file {path}; run pytest --update-golden"
    assert actual == path.read_text(encoding="utf-8")
