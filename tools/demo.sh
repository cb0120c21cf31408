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

step "build infragen and the two runtimes"
"$SWIFT" build --product infragen
"$SWIFT" build --product inventory-collector
"$SWIFT" build --product inventory-analyzer

step "start the local AWS"
"$INFRAGEN" local up

# DEMO_ARTIFACTS=DIR reuses zips made earlier by `infragen package` (the release build takes minutes).
artifacts=()
if [ -n "${DEMO_ARTIFACTS:-}" ]; then
    artifacts=(--artifacts "$DEMO_ARTIFACTS")
else
    step "package the runtimes (release, static Swift stdlib, deterministic zips)"
    "$INFRAGEN" package "$BLUEPRINT"
fi

step "deploy with terraform (the report goes to $RECIPIENT)"
start=$(date +%s)
"$INFRAGEN" deploy "$BLUEPRINT" --local --auto-approve --var "alert_email=$RECIPIENT" "${artifacts[@]}"
echo "deploy took $(( $(date +%s) - start )) s"

endpoint=$(cat .infragen/local/endpoint)
export AWS_ENDPOINT_URL="$endpoint" AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_DEFAULT_REGION=us-east-1
work=.infragen/demo
mkdir -p "$work"
# The aws CLI v1 ignores AWS_ENDPOINT_URL for some services; name the endpoint on every call.
awslocal() { aws --endpoint-url "$endpoint" "$@"; }

step "seed a sample estate (every resource kind, with problem cases and clean ones)"
python3 tools/collector/seed_estate.py "$endpoint" us-east-1 --manifest "$work/estate.json"
python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); print(f"{len(m)} resources seeded")' "$work/estate.json"

# Local SNS sends no email: an SQS queue subscribed to the topic receives the report instead (MOTO-NOTES.md).
topic=$("$INFRAGEN" outputs "$BLUEPRINT" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["topic_arn"])')
queue=$(awslocal sqs create-queue --queue-name inventory-demo-inbox --query QueueUrl --output text)
queue_arn=$(awslocal sqs get-queue-attributes --queue-url "$queue" --attribute-names QueueArn --query Attributes.QueueArn --output text)
awslocal sns subscribe --topic-arn "$topic" --protocol sqs --notification-endpoint "$queue_arn" \
    --attributes RawMessageDelivery=false >/dev/null

step "run the collector, as the daily schedule would"
start=$(date +%s)
"$INFRAGEN" invoke inventory-collector --blueprint "$BLUEPRINT" --local | tee "$work/collector.json"
echo "scan took $(( $(date +%s) - start )) s"

step "deliver the completion event to the analyzer through the inventory-trigger-analyzer rule's pattern"
python3 - "$work/collector.json" > "$work/event.json" <<'PY'
import json, sys
body = json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])["body"]
print(json.dumps({
    "version": "0", "id": "demo", "detail-type": "Inventory Scan Completed", "source": "inventory.collector",
    "account": "123456789012", "time": body.get("timestamp", "2026-01-01T00:00:00Z"), "region": "us-east-1",
    "resources": [], "detail": {"scan_id": body["scan_id"], "scan_date": body.get("scan_date")},
}))
PY
pattern=$(awslocal events describe-rule --name inventory-trigger-analyzer --query EventPattern --output text)
# EventBridge's matching (every pattern key present, scalar values among the listed ones, nested for objects),
# done here because moto's TestEventPattern answers no result (and its PutEvents fails on Lambda targets).
python3 - "$pattern" "$work/event.json" <<'PY' || { echo "the completion event does not match the rule; the analyzer would not run" >&2; exit 1; }
import json, sys
def matches(pattern, event):
    for key, wanted in pattern.items():
        value = event.get(key) if isinstance(event, dict) else None
        if isinstance(wanted, dict):
            if not isinstance(value, dict) or not matches(wanted, value): return False
        elif (value if isinstance(value, list) else [value]) == [] or not any(v in wanted for v in (value if isinstance(value, list) else [value])):
            return False
    return True
pattern, event = json.loads(sys.argv[1]), json.load(open(sys.argv[2]))
print(f"rule pattern {json.dumps(pattern, sort_keys=True)} matches the completion event: {matches(pattern, event)}")
sys.exit(0 if matches(pattern, event) else 1)
PY
start=$(date +%s)
"$INFRAGEN" invoke inventory-analyzer --blueprint "$BLUEPRINT" --local --event "$work/event.json" | tee "$work/analyzer.json"
echo "analysis took $(( $(date +%s) - start )) s"

step "the email SNS delivered"
awslocal sqs receive-message --queue-url "$queue" --wait-time-seconds 2 --max-number-of-messages 1 --output json \
    | python3 -c 'import json,sys; m=json.loads(json.load(sys.stdin)["Messages"][0]["Body"]); print("Subject:", m["Subject"]); print(); print(m["Message"])'

step "the stack is up"
"$INFRAGEN" local status
"$INFRAGEN" outputs "$BLUEPRINT"
echo "explore with: AWS_ENDPOINT_URL=$endpoint AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing aws ..."
echo "tear down with: make demo-down"
