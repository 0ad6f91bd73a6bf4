#!/usr/bin/env bash
# The README's test command: provisions Node, pnpm, dependencies, builds, Chromium and Redis when
# missing, then runs lint, type-check, package checks and every test. Ends with `N passed, N failed`.
set -euo pipefail
repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo_root"

. scripts/setup.sh
bash scripts/ensure-services.sh
exec node scripts/check.mjs "$@"
