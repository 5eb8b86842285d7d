#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Fails when a source, build or script file lacks an SPDX-License-Identifier line at its top.
set -euo pipefail
root=${1:-$(dirname "$0")/..}
cd "$root"
mapfile -t files < <(find app src tests qml bench scripts cmake .ci -type f \
    \( -name '*.cpp' -o -name '*.h' -o -name '*.qml' -o -name '*.js' -o -name '*.py' \
       -o -name '*.sh' -o -name '*.cmake' -o -name 'CMakeLists.txt' -o -path 'scripts/*' \
       -o -path '.ci/*' \) -not -path '*/corpus/*' -not -path '*/data/*.json' | sort)
missing=0
for file in "${files[@]}"; do
    if ! head -n 3 "$file" | grep -q "SPDX-License-Identifier: GPL-3.0-or-later"; then
        echo "check-spdx: no SPDX line in $file"
        missing=1
    fi
done
[ "$missing" -eq 0 ] && echo "check-spdx: ${#files[@]} files carry the SPDX line"
exit "$missing"
