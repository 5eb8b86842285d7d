#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a test inside a network namespace of its own with only loopback up. Used for tests whose
# datagrams go to a multicast group rather than 127.0.0.0/8: in the namespace they cannot reach
# the host's network at all. Exits 77 (ctest: skipped) when no namespace can be made here.
# Usage: run-in-netns.sh PROGRAM [ARGS…]
set -euo pipefail
if ! unshare --net true 2>/dev/null; then
    echo "run-in-netns: cannot create a network namespace here; skipping $1"
    exit 77
fi
exec unshare --net sh -c 'ip link set lo up && exec "$@"' sh "$@"
