"""The pre-commit hook, installed from this checkout into a throw-away repository.

As ``pre-commit try-repo`` does, the checkout's files that the hook is built from
(tracked and new, so uncommitted work is tested too) are committed into a shadow
repository that the test repository's ``.pre-commit-config.yaml`` points at.  Unlike
``try-repo``, which makes a new shadow repository (and so a new environment)
per call, the one environment is built once and shared by every case.
Building it installs the project, so this needs the package index.  The test extra has
pre-commit-uv, so pre-commit builds the environment with uv rather than virtualenv and pip
(the same manifest, build backend and entry point, in half the time); uv keeps the user's
cache, as pip would in a real ``pre-commit install``.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from conftest import ROOT

PRE_COMMIT = [sys.executable, "-m", "pre_commit"]
BROKEN = "tag: broken\nname: Broken\nisDraft: nope\nfilter:\n  type: GLOBAL\nactions: []\n"
GOOD = (ROOT / "tests" / "golden" / "input" / "workflows" / "clean.yaml").read_text(encoding="utf-8")
NOT_A_WORKFLOW = "settings:\n  retries: [1, 2\n"  # not even valid YAML: the hook must not look at it


def git(*args: str, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True)


HOOK_FILES = [".pre-commit-hooks.yaml", "pyproject.toml", "README.md", "LICENSE", "linter", "schemas"]
"""What pre-commit reads and the package is built from (pyproject.toml: [tool.hatch.build])."""


def shadow_of_checkout(target: Path, env: dict) -> str:
    """Commit the checkout's current hook files into a new repository at ``target``; return the commit."""
    listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", *HOOK_FILES, cwd=ROOT, env=env).stdout
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    git("init", "-q", cwd=target, env=env)
    git("add", ".", cwd=target, env=env)
    git("commit", "-q", "-m", "shadow", cwd=target, env=env)
    return git("rev-parse", "HEAD", cwd=target, env=env).stdout.strip()


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    """A git repository with the hook installed as a git pre-commit hook; yields (path, env).

    The hook's environment (some 2,500 files) is removed when the module's tests end, by this
    worker, rather than walked and removed by pytest's clean-up at the end of a later session."""
    base = tmp_path_factory.mktemp("pre-commit")
    cache = tempfile.mkdtemp(prefix="pre-commit-home-")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT")) and k != "GITHUB_ACTIONS"}
    env |= {
        "PRE_COMMIT_HOME": cache,
        # the user's git configuration stays out; HOME, and so pip's and virtualenv's caches, stay
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.com",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.com",
        "GIT_CONFIG_NOSYSTEM": "1",
        "UV_COMPILE_BYTECODE": "1",  # as pip does: each hook run would compile the modules again
    }
    shadow = base / "hook-repo"
    shadow.mkdir()
    rev = shadow_of_checkout(shadow, env)
    path = base / "project"
    path.mkdir()
    git("init", "-q", cwd=path, env=env)
    (path / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {shadow.as_posix()}\n    rev: {rev}\n    hooks:\n      - id: cortex-workflow-lint-fix\n      - id: cortex-workflow-lint\n"
    )
    git("add", ".pre-commit-config.yaml", cwd=path, env=env)
    git("commit", "-q", "--no-verify", "-m", "config", cwd=path, env=env)
    try:
        subprocess.run([*PRE_COMMIT, "install", "--install-hooks"], cwd=path, env=env, check=True, capture_output=True)
        yield path, env
    finally:
        shutil.rmtree(cache, ignore_errors=True)


def commit(repo, files: dict[str, str]) -> subprocess.CompletedProcess:
    path, env = repo
    for name, text in files.items():
        (path / name).parent.mkdir(parents=True, exist_ok=True)
        (path / name).write_text(text, encoding="utf-8")
    git("add", *files, cwd=path, env=env)
    result = subprocess.run(
        ["git", "commit", "-m", "change"], check=False, cwd=path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    if result.returncode:
        git("reset", "-q", "--hard", "HEAD", cwd=path, env=env)  # leave the repository clean for the next case
    return result


def test_manifest_is_valid():
    result = subprocess.run([*PRE_COMMIT, "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")], check=False, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_a_broken_workflow_is_blocked_with_its_position(repo):
    result = commit(repo, {".cortex/workflows/deploy.yaml": BROKEN})
    assert result.returncode == 1
    assert "Lint Cortex workflow descriptors....." in result.stdout and "Failed" in result.stdout
    assert ".cortex/workflows/deploy.yaml:3:10: MUST [field-type] 'isDraft' must be a boolean" in result.stdout


def test_a_good_workflow_passes(repo):
    result = commit(repo, {"services/api/.cortex/workflows/release.yml": GOOD})
    assert result.returncode == 0, result.stdout
    assert "Lint Cortex workflow descriptors....." in result.stdout and "Passed" in result.stdout


def test_yaml_outside_the_pattern_is_left_alone(repo):
    result = commit(repo, {"config/settings.yaml": NOT_A_WORKFLOW, "workflows/other.yaml": NOT_A_WORKFLOW})
    assert result.returncode == 0, result.stdout
    assert "Lint Cortex workflow descriptors....." in result.stdout and "(no files to check)Skipped" in result.stdout


def test_the_fix_hook_fixes_and_fails_the_commit_for_review(repo):
    path, env = repo
    name = ".cortex/workflows/exported.yaml"
    exported = GOOD.replace("name:", "createdAt: '2025-06-01'\nname:", 1)
    (path / name).parent.mkdir(parents=True, exist_ok=True)
    (path / name).write_text(exported, encoding="utf-8")
    git("add", name, cwd=path, env=env)
    result = subprocess.run(
        ["git", "commit", "-m", "fix"], check=False, cwd=path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    fixed = (path / name).read_text(encoding="utf-8")
    git("reset", "-q", "--hard", "HEAD", cwd=path, env=env)
    (path / name).unlink(missing_ok=True)
    assert result.returncode == 1
    assert "Fix Cortex workflow descriptors....." in result.stdout and "files were modified by this hook" in result.stdout
    assert "Fixed 1 finding." in result.stdout
    assert fixed == GOOD
