"""'Did you mean' suggestions (linter.suggest): exact answers, and a budget that bounds the work."""

from linter.suggest import Suggester, closest, did_you_mean


def test_a_close_candidate_is_suggested_and_a_far_one_is_not():
    assert closest("outgoingAction", ["name", "outgoingActions", "schema"]) == "outgoingActions"
    assert closest("colour", ["name", "outgoingActions", "schema"]) is None
    assert did_you_mean("shema", ["name", "schema"]) == " Did you mean 'schema'?"
    assert did_you_mean("schema", ["name", "schema"]) == ""
    assert did_you_mean(3, ["name"]) == ""


def test_a_difference_in_case_alone_finds_the_first_such_candidate():
    assert closest("SLUG", ["Slug", "slug"]) == "Slug"


def test_past_the_budget_only_a_difference_in_case_is_suggested():
    suggest = Suggester(iter(["deploy", "rollback", "notify"]), budget=6)  # two words of three comparisons
    assert [suggest("deplyo"), suggest("rolback"), suggest("notfy"), suggest("NOTIFY")] == ["deploy", "rollback", None, "notify"]
    assert suggest.budget == 0
    assert suggest("deplyo") == "deploy"  # a word asked again keeps its answer
