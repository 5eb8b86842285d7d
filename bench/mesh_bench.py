#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Figures for `meshcast --headless` nodes on 127.0.0.1: relay throughput, latency, memory.

Prints figures only; nothing here passes or fails. Standard library only. See bench/README.md.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_BINARY = os.path.join(HERE, "..", "build", "app", "meshcast")
RELAY_BURST = 40  # RelayRateLimiter::DefaultBurst: what one sender may push through a relay at once


class Node:
    """One `meshcast --headless` process with its own temporary data dir; events kept in order."""

    def __init__(self, binary, nick, peers=(), extra=(), listen="127.0.0.1:0"):
        self.nick = nick
        self.tmp = tempfile.TemporaryDirectory(prefix="meshcast-bench-")
        args = [binary, "--headless", "--nick", nick, "--data-dir", self.tmp.name,
                "--listen", listen,
                # Announce every 1–2 s so a chain forms in a second or two; a generous presence
                # timeout so a node busy relaying a burst never expires a neighbour meanwhile.
                "--announce-interval-ms", "1000", "--peer-timeout-ms", "30000"]
        args += list(extra)
        for peer in peers:
            args += ["--peer", peer]
        self.cond = threading.Condition()
        self.events = []
        self.messages = {}  # id -> arrival time (first copy)
        self.duplicates = 0
        self.proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        ready = self.wait(lambda: self.first("ready"), 10)
        if not ready:
            self.kill()
            raise RuntimeError(f"{nick}: no ready event")
        self.peer_id = ready["peer_id"]
        self.listen = ready["listen"]

    def _read(self):
        for line in self.proc.stdout:
            now = time.monotonic()
            try:
                event = json.loads(line)
            except ValueError:
                continue
            with self.cond:
                event["_t"] = now
                self.events.append(event)
                if event.get("event") == "message":
                    if event["id"] in self.messages:
                        self.duplicates += 1
                    else:
                        self.messages[event["id"]] = now
                self.cond.notify_all()
        with self.cond:
            self.cond.notify_all()

    def first(self, kind):
        return next((e for e in self.events if e.get("event") == kind), None)

    def wait(self, predicate, timeout):
        """Waits (bounded) until predicate() is truthy under the lock; returns its value."""
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                value = predicate()
                remaining = deadline - time.monotonic()
                if value or remaining <= 0:
                    return value
                self.cond.wait(remaining)

    def present(self):
        peers = set()
        for event in self.events:
            if event.get("event") == "peer":
                (peers.discard if event["state"] == "left" else peers.add)(event["peer_id"])
        return peers

    def write(self, text):
        self.proc.stdin.write(text.encode())
        self.proc.stdin.flush()

    def queued_ids(self):
        return [e["id"] for e in self.events if e.get("event") == "queued"]

    def rss_kib(self):
        with open(f"/proc/{self.proc.pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return -1

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(5)
        self.tmp.cleanup()


class Mesh:
    def __init__(self, binary):
        self.binary = binary
        self.nodes = []

    def add(self, nick, dial=(), extra=()):
        node = Node(self.binary, nick, [d.listen for d in dial], extra)
        self.nodes.append(node)
        return node

    def chain(self, count, prefix="N"):
        for i in range(count):
            self.add(f"{prefix}{i}", self.nodes[-1:] if i else ())
        return self.nodes[-count:]

    def wait_connected(self, nodes, timeout=30, observers=None):
        """Waits until each observer (default: every node) reports all the others present."""
        ids = {n.peer_id for n in nodes}
        deadline = time.monotonic() + timeout
        for node in observers or nodes:
            left = max(0.0, deadline - time.monotonic())
            if not node.wait(lambda n=node: ids - {n.peer_id} <= n.present(), left):
                raise RuntimeError(f"{node.nick} did not see all {len(nodes) - 1} others")

    def close(self):
        for node in self.nodes:
            node.kill()
        self.nodes = []


def wait_quiet(node, expected, idle, timeout):
    """Waits until node has `expected` messages, or none arrived for `idle` s, or timeout."""
    deadline = time.monotonic() + timeout
    while True:
        count = len(node.messages)
        last = max(node.messages.values(), default=time.monotonic())
        if count >= expected or time.monotonic() >= deadline:
            return
        if count and time.monotonic() - last >= idle:
            return
        node.wait(lambda: len(node.messages) > count, min(idle, deadline - time.monotonic()))


def relay_single_sender(binary, count):
    mesh = Mesh(binary)
    try:
        a, b, c = mesh.chain(3, "R")
        mesh.wait_connected([a, b, c])
        lines = "".join(f"bench {i}\n" for i in range(count))
        start = time.monotonic()
        a.write(lines)
        a.wait(lambda: len(a.queued_ids()) >= count, 120)
        queued_at = time.monotonic()
        b.wait(lambda: len(b.messages) >= count, 120)
        wait_quiet(c, count, idle=2.0, timeout=120)
        b_last = max(b.messages.values(), default=start)
        c_last = max(c.messages.values(), default=start)
        got_b, got_c = len(b.messages), len(c.messages)
        print(f"(a) relay, one sender: A wrote {count} lines at once")
        print(f"    A queued+sent them in {queued_at - start:.2f} s "
              f"({count / max(queued_at - start, 1e-9):.0f} msgs/s)")
        print(f"    B (A's neighbour) got {got_b}/{count} in {b_last - start:.2f} s "
              f"({got_b / max(b_last - start, 1e-9):.0f} msgs/s)")
        print(f"    C (behind relay B) got {got_c}/{count}; last after {c_last - start:.2f} s "
              f"-> {got_c / max(c_last - start, 1e-9):.0f} msgs/s through B")
        print(f"    expected from B's per-sender limiter (burst {RELAY_BURST}, 10/s): about "
              f"{RELAY_BURST + 10 * (b_last - start):.0f}; the rest is dropped, not queued")
    finally:
        mesh.close()


def relay_many_senders(binary, depth, per_sender):
    """C - B - binary tree of senders: B forwards every sender's burst to C.

    A tree, not a star, because a hub with more than 3 links relays each broadcast to a subset
    of its links only (spec 05 §1.3), so a sink behind a busy hub would miss some by design. In
    the tree every node has at most 3 links: it forwards to all of them.
    """
    mesh = Mesh(binary)
    try:
        c = mesh.add("C")
        b = mesh.add("B", [c])
        senders = []
        parents = [b]
        for level in range(depth):
            children = []
            for parent in parents:
                for _ in range(1 if parent is b else 2):
                    node = mesh.add(f"S{len(senders)}", [parent])
                    senders.append(node)
                    children.append(node)
            parents = children
        # The sink and the relay must know every sender's key to show its messages.
        mesh.wait_connected(mesh.nodes, timeout=60, observers=[b, c])
        total = len(senders) * per_sender
        start = time.monotonic()
        for i, sender in enumerate(senders):
            sender.write("".join(f"s{i} m{j}\n" for j in range(per_sender)))
        wait_quiet(c, total, idle=3.0, timeout=120)
        b.wait(lambda: len(b.messages) >= total, 5)
        got_c = len(c.messages)
        arrivals = sorted(c.messages.values())
        last = arrivals[-1] if arrivals else start
        print(f"(a) relay, many senders: {len(senders)} senders in a tree behind B, "
              f"{per_sender} messages each (within the per-sender burst), {total} in all")
        print(f"    B got {len(b.messages)}/{total}; C got {got_c}/{total} "
              f"(duplicates at C: {c.duplicates})")
        print(f"    C's last after {last - start:.2f} s -> {got_c / max(last - start, 1e-9):.0f} "
              f"msgs/s through B")
        if len(arrivals) > 1:
            span = arrivals[-1] - arrivals[0]
            print(f"    C's first-to-last arrival span {span:.2f} s -> "
                  f"{(len(arrivals) - 1) / max(span, 1e-9):.0f} msgs/s")
    finally:
        mesh.close()


def latency(binary, samples):
    mesh = Mesh(binary)
    try:
        nodes = mesh.chain(6, "L")
        mesh.wait_connected(nodes)
        first, last = nodes[0], nodes[-1]
        times = []
        hops = set()
        for i in range(samples):
            before = len(first.queued_ids())
            sent_at = time.monotonic()
            first.write(f"latency {i}\n")
            if not first.wait(lambda: len(first.queued_ids()) > before, 10):
                break
            mid = first.queued_ids()[before]
            if not last.wait(lambda: mid in last.messages, 10):
                print(f"    message {i} did not reach the end in 10 s")
                continue
            times.append((last.messages[mid] - sent_at) * 1000)
            hops.add(next(e["hops"] for e in last.events
                          if e.get("event") == "message" and e["id"] == mid))
        times.sort()
        p95 = times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)] if times else 0
        print(f"(b) latency over a 6-node chain (5 hops, hops seen {sorted(hops)}), "
              f"{len(times)}/{samples} messages one at a time:")
        print(f"    median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, "
              f"min {times[0]:.1f} ms, max {times[-1]:.1f} ms")
    finally:
        mesh.close()


def memory(binary, count):
    mesh = Mesh(binary)
    try:
        idle = mesh.add("Idle")
        at_start = idle.rss_kib()
        sender = mesh.add("Sender", [idle])
        mesh.wait_connected([idle, sender])
        connected = idle.rss_kib()
        sender.write("".join(f"memory {i} " + "x" * 64 + "\n" for i in range(count)))
        idle.wait(lambda: len(idle.messages) >= count, 120)
        got = len(idle.messages)
        after = idle.rss_kib()
        print(f"(c) memory of a headless node (VmRSS):")
        print(f"    just started {at_start / 1024:.1f} MiB; one neighbour {connected / 1024:.1f} MiB;"
              f" after receiving {got} messages {after / 1024:.1f} MiB")
    finally:
        mesh.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--binary", default=os.environ.get("MESHCAST_BINARY", DEFAULT_BINARY))
    parser.add_argument("--only", choices=["relay", "many", "latency", "memory"], action="append")
    parser.add_argument("--messages", type=int, default=2000, help="(a) one sender's burst")
    parser.add_argument("--tree-depth", type=int, default=4,
                        help="(a) many senders: 1+2+4+… senders; 4 gives 15, at most 5 (TTL 7)")
    parser.add_argument("--per-sender", type=int, default=36,
                        help="(a) many senders: messages each (keep ≤ the relay burst, 40)")
    parser.add_argument("--samples", type=int, default=50, help="(b) latency samples")
    parser.add_argument("--received", type=int, default=1000, help="(c) messages to receive")
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    if not os.access(binary, os.X_OK):
        sys.exit(f"no meshcast binary at {binary} (build it, or pass --binary)")
    parts = args.only or ["relay", "many", "latency", "memory"]
    print(f"meshcast bench: {binary}, {os.cpu_count()} CPUs, all nodes on 127.0.0.1")
    started = time.monotonic()
    if "relay" in parts:
        relay_single_sender(binary, args.messages)
    if "many" in parts:
        relay_many_senders(binary, args.tree_depth, args.per_sender)
    if "latency" in parts:
        latency(binary, args.samples)
    if "memory" in parts:
        memory(binary, args.received)
    print(f"bench took {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    main()
