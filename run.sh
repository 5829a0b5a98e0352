#!/usr/bin/env bash
# The project's two entry points; each installs what it needs first (and skips what is already there).
#   ./run.sh ingest [--raw DIR] [--warehouse FILE]   ingest data/raw/ into data/warehouse.duckdb, build and test dbt
#   ./run.sh test [PYTEST ARGS]                      run the test suite
# Anything else is passed to the CLI: ./run.sh query "select …"
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

UV_VERSION=0.13.8
TOOLS=.tools
export UV_PYTHON_DOWNLOADS=never UV_PROJECT_ENVIRONMENT=.venv UV_LINK_MODE=copy
export DO_NOT_TRACK=1 DBT_SEND_ANONYMOUS_USAGE_STATS=false

say() { printf '%s\n' "$*" >&2; }

ensure_system_packages() {
  local missing=()
  # The DuckLake tests start a PostgreSQL server of their own (on 127.0.0.1) from the Debian package.
  if [ "${1:-}" = test ]; then ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql); fi
  command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
  # Old Word (.doc) reports are read through antiword's text.
  command -v antiword >/dev/null 2>&1 || missing+=(antiword)
  command -v fc-list >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi 'wenquanyi\|wqy' || missing+=(fonts-wqy-microhei fontconfig)
  ((${#missing[@]})) || return 0
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo=sudo; else
      say "warning: cannot install ${missing[*]} (not root, no sudo); PDF, DOC and chart features need them"; return 0
    fi
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    say "warning: no apt-get; install ${missing[*]} by hand"; return 0
  fi
  say "installing system packages: ${missing[*]}"
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_uv() {
  UV="$TOOLS/uv/bin/uv"
  if [ -x "$UV" ] && [ "$("$UV" --version | cut -d' ' -f2)" = "$UV_VERSION" ]; then return 0; fi
  say "installing uv $UV_VERSION into $TOOLS/"
  rm -rf "$TOOLS/uv"
  python3 -m pip install --quiet --disable-pip-version-check --target "$TOOLS/uv" "uv==$UV_VERSION" 2>/dev/null ||
    python3 -m pip install --quiet --disable-pip-version-check --break-system-packages --target "$TOOLS/uv" "uv==$UV_VERSION"
}

# Bytecode compiled once at install: where PYTHONDONTWRITEBYTECODE is set (CI images often set it) every Python
# process — the CLI, each parse worker, each dbt invocation — would otherwise compile dagster and dbt again
# (2–3 s each).
SYNC_FLAGS="--frozen --quiet --compile-bytecode"

ensure_venv() {
  local stamp=.venv/.installed-from want
  # The sync's own flags are part of what was installed: a venv made without bytecode is made again.
  want=$( (cat uv.lock pyproject.toml; echo "$SYNC_FLAGS") | sha256sum | cut -c1-64)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  ensure_uv
  say "installing Python dependencies from uv.lock into .venv/"
  # shellcheck disable=SC2086
  "$UV" sync $SYNC_FLAGS --python "$(command -v python3)"
  echo "$want" >"$stamp"
}

ensure_system_packages "${1:-}"
ensure_venv

command="${1:-}"
case "$command" in
  test)
    shift
    # Two workers on CI's two cores; a test file stays on one worker, so module fixtures (a dbt build, a
    # Dagster run) are built once.
    exec .venv/bin/python -m pytest -n auto --dist loadfile "$@"
    ;;
  "")
    say "usage: ./run.sh ingest|test|query …"; exit 2
    ;;
  *)
    exec .venv/bin/python -m pipeline "$@"
    ;;
esac
