"""docker-compose.yml, read as Compose reads it (docker compose is not on the CI machine)."""

import shutil
import subprocess

import pytest
import yaml

from .helpers import ROOT


def _compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_the_default_stack_is_unchanged_by_the_cluster_profile():
    services = _compose()["services"]
    default = {name for name, s in services.items() if not s.get("profiles")}
    assert default == {"redis", "app", "nginx"}
    assert services["app"]["environment"]["CAFE_REDIS_URL"] == "redis://redis:6379/0"


def test_the_cluster_profile_runs_the_app_on_three_masters_with_replicas():
    compose = _compose()
    services = compose["services"]
    cluster = {name for name, s in services.items() if "cluster" in s.get("profiles", [])}
    nodes = {f"redis-node-{n}" for n in range(1, 7)}
    assert cluster == nodes | {"redis-cluster-init", "app-cluster", "nginx-cluster"}
    for name in nodes:
        command = services[name]["command"]
        assert command[command.index("--cluster-enabled") + 1] == "yes"
        assert f"{name}:/data" in services[name]["volumes"] and name in compose["volumes"]
    init = services["redis-cluster-init"]
    assert "--cluster-replicas 1" in init["command"][0]
    assert set(init["depends_on"]) == nodes
    app = services["app-cluster"]
    assert app["environment"]["CAFE_REDIS_URL"].startswith("redis+cluster://redis-node-1:6379")
    assert app["depends_on"]["redis-cluster-init"]["condition"] == (
        "service_completed_successfully")
    assert services["nginx-cluster"]["environment"]["CAFE_UPSTREAM"] == (
        "server app-cluster:5000;")
    published = [p.split(":")[0] for s in services.values() for p in s.get("ports", [])]
    assert len(published) == len(set(published))  # both stacks may run side by side


@pytest.mark.skipif(shutil.which("docker") is None, reason="no docker")
def test_docker_compose_accepts_the_file_where_it_is_installed():
    probe = subprocess.run(["docker", "compose", "version"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("docker has no compose plugin here")
    for profile in ([], ["--profile", "cluster"]):
        subprocess.run(["docker", "compose", *profile, "config", "-q"], cwd=ROOT, check=True)
