# Sourced by .ci/run and the Makefile's demo: installs what a fresh machine lacks, idempotently and quietly.
#   apt: libcurl4-openssl-dev (FoundationNetworking with --static-swift-stdlib)
#   pip: moto[server], cfn-lint, awscli (system Python, what the tests call)
#   checkov: in its own virtualenv ($INFRAGEN_CHECKOV_VENV), because it pins a boto3 that would break moto.
set -euo pipefail

if ! dpkg -s libcurl4-openssl-dev >/dev/null 2>&1; then
    echo "ensure-tools: installing libcurl4-openssl-dev" >&2
    apt-get update -qq && apt-get install -y -qq libcurl4-openssl-dev >/dev/null
fi

python3 - <<'PY' 2>/dev/null || { echo "ensure-tools: installing moto[server], cfn-lint, awscli" >&2; python3 -m pip install -q 'moto[server]' cfn-lint awscli; }
import moto, moto.server, cfnlint, awscli  # noqa: F401
PY

export INFRAGEN_CHECKOV_VENV="${INFRAGEN_CHECKOV_VENV:-$HOME/.cache/infragen/checkov-venv}"
if ! "$INFRAGEN_CHECKOV_VENV/bin/checkov" --version >/dev/null 2>&1; then
    echo "ensure-tools: installing checkov 3.3.30 into $INFRAGEN_CHECKOV_VENV" >&2
    python3 -m venv "$INFRAGEN_CHECKOV_VENV"
    "$INFRAGEN_CHECKOV_VENV/bin/pip" install -q checkov==3.3.30
fi
export INFRAGEN_CHECKOV="$INFRAGEN_CHECKOV_VENV/bin/checkov"

# terraform's AWS provider comes from an offline mirror; tests and deploy read INFRAGEN_TF_PLUGIN_DIR.
if [ -z "${INFRAGEN_TF_PLUGIN_DIR:-}" ]; then
    mirror=$(find / -xdev -type d -name registry.terraform.io -not -path '/proc/*' 2>/dev/null | head -n 1 || true)
    [ -n "$mirror" ] && export INFRAGEN_TF_PLUGIN_DIR="$(dirname "$mirror")"
fi
