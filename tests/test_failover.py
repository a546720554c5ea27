"""CAFE_REDIS_WAIT_REPLICAS: a write is acknowledged only once replicas have it."""

import json
import subprocess
import sys

import pytest

from server.domain import secrets
from server.domain.errors import DomainError
from server.domain.workshop import clean_details
from server.store import connect

from .conftest import REFERENCE
from .helpers import ROOT
from .rediscluster import cluster_binaries


def test_a_write_no_replica_confirmed_is_refused_as_unconfirmed(redis_url):
    store = connect(redis_url, wait_replicas=1, wait_timeout=50)  # this Redis has none
    try:
        with pytest.raises(DomainError) as refused:
            store.workshops.create(clean_details(REFERENCE), secrets.hash_secret("k"), 1.0)
        assert refused.value.code == "unconfirmed"
    finally:
        store.close()


def test_without_replicas_to_wait_for_writes_are_acknowledged_as_before(redis_url):
    store = connect(redis_url, wait_replicas=0)
    try:
        assert store.workshops.create(clean_details(REFERENCE), "0" * 64, 1.0).code
    finally:
        store.close()


@pytest.mark.slow
@pytest.mark.skipif(cluster_binaries() is None,
                    reason="Redis 7 redis-server and redis-cli are not installed")
def test_a_failover_loses_no_acknowledged_note_with_wait(tmp_path):
    """bench/failover.py, small: a master dies while its replica lags behind; with
    CAFE_REDIS_WAIT_REPLICAS=1 every acknowledged note is on the promoted replica, and
    the other device of the author converges on exactly what is stored."""
    out = tmp_path / "failover.json"
    result = subprocess.run(
        [sys.executable, "bench/failover.py", "--wait", "1", "--stall", "1", "--lag-mb", "16",
         "--steady", "20", "--after", "5", "--json", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    figures = json.loads(out.read_text())
    assert figures["lost"] == 0, figures
    assert figures["refusals"].get("unconfirmed", 0) > 0  # WAIT held notes back meanwhile
    assert figures["acked"] >= 25 and figures["follower_converged"], figures
