"""Where things live: one Redis, or a Redis Cluster of several masters.

`CAFE_REDIS_URL` names a cluster as ``redis+cluster://host:port[,host:port...]`` (or
``rediss+cluster://`` for TLS): any of its nodes will do, the others are found from it.
Everything else here hides the difference from the repositories: which node holds a
workshop, how to publish on its channel, how to list its keys.
"""

import json
from urllib.parse import unquote, urlsplit

import redis
from redis.cluster import ClusterNode, RedisCluster

from . import keys

SCHEMES = {"redis+cluster": False, "rediss+cluster": True}  # scheme -> TLS


def is_cluster(client) -> bool:
    """Tell whether a client speaks to a Redis Cluster."""
    return isinstance(client, RedisCluster)


def cluster_client(url: str, **options) -> RedisCluster:
    """Open a client on the cluster a ``redis+cluster://`` URL names."""
    parts = urlsplit(url)
    netloc = parts.netloc.rpartition("@")
    nodes = []
    for address in netloc[2].split(","):
        host, _, port = address.strip().rpartition(":")
        nodes.append(ClusterNode(host.strip("[]") or "127.0.0.1", int(port or 6379)))
    if netloc[1]:
        user, _, password = netloc[0].partition(":")
        options.update(username=unquote(user) or None, password=unquote(password) or None)
    if SCHEMES[parts.scheme]:
        options["ssl"] = True
    return RedisCluster(startup_nodes=nodes, **options)


def owner(client, key: str) -> tuple[str, redis.Redis]:
    """Return the name and the client of the node that holds `key` (or a channel), as
    the last map of the slots says; on one Redis, the client itself."""
    if not is_cluster(client):
        return "", client
    node = client.get_node_from_key(key)
    return node.name, client.get_redis_connection(node)


def refresh(client) -> None:
    """Read the map of the slots again (after a failover: a replica took over)."""
    if is_cluster(client):
        client.nodes_manager.initialize()


def publish(client, code: str, message: dict) -> None:
    """Publish a message on a workshop's channel (a shard channel on a cluster)."""
    data = json.dumps(message)
    if is_cluster(client):
        client.spublish(keys.channel(code), data)
    else:
        client.publish(keys.channel(code), data)


def publish_command(client) -> str:
    """The command the commit script publishes with."""
    return "SPUBLISH" if is_cluster(client) else "PUBLISH"


def workshop_keys(client, code: str) -> list[str]:
    """Every key of one workshop (read from the node that holds them all, on a cluster)."""
    pattern = keys.pattern(code)
    if not is_cluster(client):
        return list(client.scan_iter(match=pattern, count=500))
    _, node = owner(client, keys.workshop(code))
    return list(node.scan_iter(match=pattern, count=500))


def transaction(client, code: str):
    """A MULTI/EXEC pipeline over one workshop's keys.

    On a cluster it goes straight to the master that holds the workshop's slot: redis-py's
    cluster transactions hand back raw replies (a hash as a flat list), a node's own
    client parses them as on one Redis.
    """
    return owner(client, keys.workshop(code))[1].pipeline(transaction=True)


def workshop_codes(client) -> list[str]:
    """Return the code of every workshop, from every bucket of the index."""
    with client.pipeline(transaction=False) as pipe:
        for bucket in keys.INDEXES:
            pipe.zrange(bucket, 0, -1)
        return sorted(code for bucket in pipe.execute() for code in bucket)
