"""benchmarks/linear.py, which CI runs: it fails on a scan whose time grows faster than its input."""

from helpers import load_script

linear = load_script("benchmarks/linear.py")


def _count(steps: int) -> None:
    """Busy for ``steps`` loop turns (CPU time, which linear.py measures)."""
    for _ in range(steps):
        pass


def test_a_quadratic_scan_fails_twice_and_a_linear_one_passes(monkeypatch, capsys):
    monkeypatch.setattr(linear, "FAST", 0.0)  # these scans take milliseconds
    scans = [
        linear.Scan("linear", lambda n: n, lambda n: _count(n * 3_000), 200),
        linear.Scan("quadratic", lambda n: n, lambda n: _count(n * n * 3), 200),
    ]
    monkeypatch.setattr(linear, "scans", lambda: scans)
    assert linear.main() == 1
    output = capsys.readouterr()
    assert output.err == "linear.py: not linear: quadratic\n"
    rows = [line.split(" | ")[0] for line in output.out.splitlines()[2:]]
    assert rows == ["| linear", "| quadratic", "| quadratic"]  # over the limit, so timed again


def test_each_hostile_text_is_about_n_characters():
    families = [*(f for fs in linear.LANGUAGES.values() for f in fs), *linear.TEMPLATES.values(), *linear.URLS.values()]
    assert [round(len(family(linear.SIZE)), -3) for family in families] == [linear.SIZE] * 28
