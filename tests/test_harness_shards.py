"""`make test` splits the addons' Odoo tests over databases (scripts/harness.py): every addon's tests run once."""
import importlib.util
import os

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture(scope="module")
def harness():
    spec = importlib.util.spec_from_file_location("dealer_harness", os.path.join(ROOT, "scripts", "harness.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("count", [1, 2, 3])
def test_every_addon_in_exactly_one_shard(harness, count):
    shards = harness.test_shards(harness.ADDONS, count)
    assert len(shards) == count
    flat = [addon for shard in shards for addon in shard]
    assert sorted(flat) == sorted(harness.ADDONS)
    for shard in shards:  # each shard keeps the install order of ADDONS
        assert shard == sorted(shard, key=harness.ADDONS.index)


def test_two_shards_balanced(harness):
    """The two shards' test seconds differ by less than the largest addon that is not the largest of all."""
    def weight(addon):
        return harness.TEST_SECONDS.get(addon, harness.DEFAULT_TEST_SECONDS)

    loads = sorted(sum(weight(a) for a in shard) for shard in harness.test_shards(harness.ADDONS, 2))
    second_largest = sorted((weight(a) for a in harness.ADDONS), reverse=True)[1]
    assert loads[1] - loads[0] < second_largest
    assert set(harness.TEST_SECONDS) <= set(harness.ADDONS)  # no weight for an addon that is gone


def test_shard_count_from_environment(harness, monkeypatch):
    monkeypatch.setenv("DEALER_TEST_SHARDS", "1")
    assert harness.shard_count() == 1
    monkeypatch.setenv("DEALER_TEST_SHARDS", "3")
    assert harness.shard_count() == 3
    monkeypatch.delenv("DEALER_TEST_SHARDS")
    assert harness.shard_count() == max(1, min(2, os.cpu_count() or 1))
