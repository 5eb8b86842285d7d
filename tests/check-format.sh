#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Fails when any C++ file of the project differs from what clang-format (.clang-format) makes of it.
set -euo pipefail
root=${1:-$(dirname "$0")/..}
cd "$root"
mapfile -t files < <(find app src tests bench -type f \( -name '*.cpp' -o -name '*.h' \) 2>/dev/null | sort)
if [ ${#files[@]} -eq 0 ]; then
    echo "check-format: no C++ files found under $root" >&2
    exit 1
fi
clang-format --dry-run -Werror "${files[@]}"
echo "check-format: ${#files[@]} files formatted"
