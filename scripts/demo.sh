#!/usr/bin/env bash
# The main job on a fresh machine: install what is needed, build, start the renderer with its
# embedded defaults (file store, in-memory queue, local disk under ./.reelforge) and render the
# bundled example storyboard. Prints the MP4's path and the service URL, then keeps serving.
set -euo pipefail
cd "$(dirname "$0")/.."
export ONNXRUNTIME_NODE_INSTALL=skip SKIP_RUST_BUILD=1
bash scripts/install-system.sh
[ -d node_modules ] || npm ci --no-audit --no-fund
npm run build --silent
exec node renderer/dist/cli/index.js serve --example renderer/examples/storyboard.json
