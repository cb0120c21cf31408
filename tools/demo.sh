#!/usr/bin/env bash
# `make demo`: the reference stack on a local AWS (moto), deployed with terraform by infragen, left up to explore.
# `make demo-down` (tools/demo.sh down) destroys it and stops the local AWS. A second `make demo` is idempotent:
# the plan shows no changes.
#
# The report's recipient comes from DEMO_EMAIL, else is made at run time as "$(whoami)@localhost.localdomain":
# the repository holds no email addresses. Local SNS delivers no email; the report is read back from moto.
set -euo pipefail
cd "$(dirname "$0")/.."

BLUEPRINT="${BLUEPRINT:-blueprints/aws-inventory.yaml}"
SWIFT="${SWIFT:-swift}"
INFRAGEN=.build/debug/infragen
RECIPIENT="${DEMO_EMAIL:-$(whoami)@localhost.localdomain}"

step() { printf '\n==> %s\n' "$*"; }

if [ "${1:-up}" = "down" ]; then
    if [ -x "$INFRAGEN" ] && "$INFRAGEN" local status >/dev/null 2>&1; then
        step "destroy the stack"
        "$INFRAGEN" destroy "$BLUEPRINT" --local --auto-approve
    fi
    [ -x "$INFRAGEN" ] && "$INFRAGEN" local down
    exit 0
fi

step "build infragen"
"$SWIFT" build --product infragen

step "start the local AWS"
"$INFRAGEN" local up

# The runtimes named by the blueprint (function.runtime) are built on another branch. Until they are products of
# this package, the EchoRuntime fixture is packaged and deployed in their place, and the demo says so.
# TODO(lead, when inventory-collector/inventory-analyzer land on main): delete this block and the --artifacts flag.
artifacts=()
if ! "$SWIFT" package dump-package | python3 -c '
import json, sys
names = {t["name"] for t in json.load(sys.stdin)["targets"]}
sys.exit(0 if {"inventory-collector", "inventory-analyzer"} <= names else 1)'; then
    step "package (STAND-IN: the real runtimes are not in this package yet; packaging EchoRuntime in their place)"
    stand_in=".infragen/demo-stand-in"
    "$INFRAGEN" package Tests/Fixtures/echo-stack.yaml --out "$stand_in"
    cp "$stand_in/EchoRuntime.zip" "$stand_in/inventory-collector.zip"
    cp "$stand_in/EchoRuntime.zip" "$stand_in/inventory-analyzer.zip"
    artifacts=(--artifacts "$stand_in")
else
    step "package"
fi

step "deploy with terraform (the report goes to $RECIPIENT)"
start=$(date +%s)
"$INFRAGEN" deploy "$BLUEPRINT" --local --auto-approve --var "alert_email=$RECIPIENT" "${artifacts[@]}"
echo "deploy took $(( $(date +%s) - start )) s"

# TODO(lead): seed a small sample estate in the local AWS (one of every resource kind, including problem cases).
# TODO(lead): run the collector:
#     "$INFRAGEN" invoke inventory-collector --blueprint "$BLUEPRINT" --local
# TODO(lead): deliver the collector's completion event to the analyzer, matched against the rendered
#     inventory-trigger-analyzer rule's pattern:
#     "$INFRAGEN" invoke inventory-analyzer --blueprint "$BLUEPRINT" --local --event <the collector's event>
# TODO(lead): print the report SNS received (an SQS queue subscribed to the topic; see MOTO-NOTES.md).

step "the stack is up"
"$INFRAGEN" local status
"$INFRAGEN" outputs "$BLUEPRINT"
echo "explore with: AWS_ENDPOINT_URL=$(cat .infragen/local/endpoint) AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing aws ..."
echo "tear down with: make demo-down"
