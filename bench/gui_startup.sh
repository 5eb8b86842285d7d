#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Prints the window's launch-to-first-frame time with an empty history and with N stored
# messages (default 100,000), and the idle window's resident memory. Figures only.
# Usage: bench/gui_startup.sh [BUILD_DIR] [N]
set -euo pipefail
build=${1:-build}
count=${2:-100000}
bin=$build/app/meshcast
seeder=$build/bench/meshcast_seed_history
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}

first_frame() { # DATA_DIR -> ms
    "$bin" --nick bench --data-dir "$1" --listen none --no-ble --screenshot "$work/shot.png" \
        --screenshot-after-ms 1500 2>&1 | sed -nE 's/.*first frame after ([0-9]+) ms.*/\1/p' | head -1
}

echo "empty history:        first frame after $(first_frame "$work/empty") ms"
"$seeder" "$work/full" "$count"
echo "$count messages: first frame after $(first_frame "$work/full") ms"

"$bin" --nick bench --data-dir "$work/full" --listen none --no-ble --screenshot "$work/idle.png" \
    --screenshot-after-ms 6000 >/dev/null 2>&1 &
pid=$!
sleep 3 # a benchmark, not a test: let the window settle before reading its memory
echo "idle window RSS:      $(grep VmRSS /proc/$pid/status | awk '{print $2, $3}')"
wait $pid || true
