# Shared settings for the project's scripts (sourced, not run).
: "${SALEOR_VERSION:=3.23.28}"
: "${SALEOR_GIT_URL:=https://github.com/saleor/saleor.git}"
B2B_CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/saleor-b2b-groups"
if [ -n "${SALEOR_SRC:-}" ]; then SALEOR_SRC_OVERRIDE=1; else SALEOR_SRC="$B2B_CACHE/saleor-$SALEOR_VERSION"; fi
: "${VENV:=$here/.venv}"
export SALEOR_SRC SALEOR_VERSION VENV
export SEND_USAGE_TELEMETRY=False

find_python312() {
  local c
  for c in "${PYTHON:-}" python3.12 "$(command -v pyenv >/dev/null && pyenv root 2>/dev/null)"/versions/3.12*/bin/python3.12 \
           "$HOME"/.pyenv/versions/3.12*/bin/python3.12 /usr/local/bin/python3.12 /usr/bin/python3.12; do
    [ -n "$c" ] || continue
    if "$c" -c 'import sys; assert sys.version_info[:2] == (3, 12)' 2>/dev/null; then
      command -v "$c" 2>/dev/null || echo "$c"; return 0
    fi
  done
  return 1
}
