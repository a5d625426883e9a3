#!/usr/bin/env bash
# The C sources are as clang-format (.clang-format) writes them. Generated
# tables (src/text/fold_data.c) are left as their generator writes them.
set -euo pipefail
command -v clang-format >/dev/null || { echo "SKIP: clang-format missing"; exit 77; }
cd "$SRC"
bad=()
while IFS= read -r -d '' f; do
	case $f in */fold_data.c) continue ;; esac
	clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done < <(find src include tests bench -name '*.[ch]' -print0 | sort -z)
[ ${#bad[@]} -eq 0 ] || { echo "FAIL: not clang-formatted (run clang-format -i): ${bad[*]}"; exit 1; }
echo "ok: every C source is clang-formatted"
