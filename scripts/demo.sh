#!/usr/bin/env bash
# bash scripts/demo.sh [tanstack-start|nextjs|nextjs-edge|sveltekit|<another folder of examples/>|emulator]
#
# One command from a fresh clone: provisions the toolchain (scripts/setup.sh: Node and pnpm into
# .tools/ when the machine's are too old), installs and builds the packages, builds the chosen
# example in production mode and serves it on http://127.0.0.1:${PORT:-3000}.
#
# Without WORKOS_API_KEY / WORKOS_CLIENT_ID the app runs on a fresh local WorkOS emulator:
# `authkit-emulator run` sets every WORKOS_* variable the app reads (redirect URI and cookie
# password included), so nothing has to be set by hand. With them set (plus WORKOS_REDIRECT_URI
# and WORKOS_COOKIE_PASSWORD), the same command runs the app on WorkOS.
# `emulator` starts the emulator alone (port ${EMULATOR_PORT:-4100}) and prints the variables.
set -euo pipefail
repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo_root"

usage() {
  local examples
  examples=$(cd examples && for dir in */; do [ -f "$dir/package.json" ] && printf '%s|' "${dir%/}"; done)
  echo "usage: bash scripts/demo.sh [${examples}emulator]   (default tanstack-start)"
}

example=${1:-tanstack-start}
case "$example" in
  -h | --help) usage; exit 0 ;;
  emulator) ;;
  *)
    # Any app under examples/ (a folder name, nothing that leaves it).
    if [[ "$example" == */* || "$example" == .* || ! -f "examples/$example/package.json" ]]; then
      usage >&2
      exit 2
    fi
    ;;
esac

. scripts/setup.sh
emulator_cli="$repo_root/packages/emulator/dist/cli.js"

if [ "$example" = emulator ]; then
  exec node "$emulator_cli" --port "${EMULATOR_PORT:-4100}"
fi

app_dir="examples/$example"
echo "demo: building $app_dir (production)" >&2
pnpm --dir "$app_dir" run build
# Every example's start script serves the production build on 127.0.0.1:$PORT. Most wrap it in
# `authkit-emulator run` themselves; the others (nextjs-edge) get the emulator from here.
if node -e 'process.exit(/authkit-emulator run/.test(require(process.argv[1]).scripts.start) ? 0 : 1)' "$repo_root/$app_dir/package.json"; then
  exec pnpm --dir "$app_dir" run start
fi
exec node "$emulator_cli" run -- pnpm --dir "$app_dir" run start
