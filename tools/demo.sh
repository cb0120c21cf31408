#!/usr/bin/env bash
# `make demo`: the reference stack on a local AWS (moto), deployed with terraform by infragen, left up to explore.
# `make demo-down` (tools/demo.sh down) destroys it and stops the local AWS. A second `make demo` is idempotent:
# the plan shows no changes.
#
# The report's recipient comes from DEMO_EMAIL, else is made at run time as "$(whoami)@localhost.localdomain":
# the repository holds no email addresses. Local SNS delivers no email; the report is read back from moto.
#
# For the benchmark (tools/bench/demo.py): INFRAGEN=PATH runs that infragen (the runtimes next to it are the ones
# invoked), DEMO_BUILD=0 skips the build step, DEMO_TIMINGS=FILE appends one line per timed phase:
# `phase wall_s cpu_s`, cpu being this script's children plus the moto server over the phase.
# DEMO_TARGET=cloudformation deploys (and `down` destroys) with CloudFormation instead of terraform.
set -euo pipefail
cd "$(dirname "$0")/.."

BLUEPRINT="${BLUEPRINT:-blueprints/aws-inventory.yaml}"
SWIFT="${SWIFT:-swift}"
INFRAGEN="${INFRAGEN:-.build/debug/infragen}"
RECIPIENT="${DEMO_EMAIL:-$(whoami)@localhost.localdomain}"
TARGET="${DEMO_TARGET:-terraform}"
# The local AWS has no Bedrock Runtime (moto answers `Converse` with a 500, which the analyzer retries before falling
# back), so the demo deploys with the AI summary off and the report uses the rule-based summary. DEMO_MODEL_ID=<id>
# deploys with that model instead (locally its calls then fail over to the rules, as tested against a stub Bedrock).
MODEL_ID="${DEMO_MODEL_ID-}"

step() { printf '\n==> %s\n' "$*"; }

# CPU seconds so far of this shell and its reaped descendants (/proc/$$/stat utime+stime+cutime+cstime) plus the
# moto server's (detached, so not our descendant).
cpu_of() { awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.2f", ($12 + $13 + $14 + $15) / hz }' "$1"; }
cpu_now() {
    local moto=0 pid
    pid=$(cat .infragen/local/pid 2>/dev/null || true)
    if [ -n "$pid" ] && [ -r "/proc/$pid/stat" ]; then moto=$(cpu_of "/proc/$pid/stat"); fi
    awk -v a="$(cpu_of /proc/$$/stat)" -v b="$moto" 'BEGIN { printf "%.2f", a + b }'
}
phase_start() { phase_wall=$(date +%s.%N); phase_cpu=$(cpu_now); }
# Prints how long the phase took and, with DEMO_TIMINGS, records it.
phase_end() {
    local wall cpu
    wall=$(awk -v a="$phase_wall" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
    cpu=$(awk -v a="$phase_cpu" -v b="$(cpu_now)" 'BEGIN { printf "%.2f", b - a }')
    echo "$1 took $wall s (CPU $cpu s)"
    if [ -n "${DEMO_TIMINGS:-}" ]; then echo "$1 $wall $cpu" >> "$DEMO_TIMINGS"; fi
}

if [ "${1:-up}" = "down" ]; then
    if [ -x "$INFRAGEN" ] && "$INFRAGEN" local status >/dev/null 2>&1; then
        step "destroy the stack"
        "$INFRAGEN" destroy "$BLUEPRINT" --target "$TARGET" --local --auto-approve
    fi
    [ -x "$INFRAGEN" ] && "$INFRAGEN" local down
    exit 0
fi

if [ "${DEMO_BUILD:-1}" != 0 ]; then
    step "build infragen and the two runtimes"
    "$SWIFT" build --product infragen
    "$SWIFT" build --product inventory-collector
    "$SWIFT" build --product inventory-analyzer
fi

step "start the local AWS"
total_wall=$(date +%s.%N)
total_cpu=$(cpu_now)
"$INFRAGEN" local up

# DEMO_ARTIFACTS=DIR reuses zips made earlier by `infragen package` (the release build takes minutes). Either way
# deploy is given the zips, so it does not package a second time.
if [ -n "${DEMO_ARTIFACTS:-}" ]; then
    artifacts="$DEMO_ARTIFACTS"
else
    step "package the runtimes (release, static Swift stdlib, deterministic zips)"
    artifacts=.infragen/demo/artifacts
    mkdir -p "$artifacts"
    "$INFRAGEN" package "$BLUEPRINT" --out "$artifacts"
fi

step "deploy with $TARGET (the report goes to $RECIPIENT)"
phase_start
"$INFRAGEN" deploy "$BLUEPRINT" --target "$TARGET" --local --auto-approve --var "alert_email=$RECIPIENT" \
    --var "bedrock_model_id=$MODEL_ID" --artifacts "$artifacts"
phase_end deploy

endpoint=$(cat .infragen/local/endpoint)
export AWS_ENDPOINT_URL="$endpoint" AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_DEFAULT_REGION=us-east-1
work=.infragen/demo
mkdir -p "$work"
# The aws CLI v1 ignores AWS_ENDPOINT_URL for some services; name the endpoint on every call.
awslocal() { aws --endpoint-url "$endpoint" "$@"; }

step "seed a sample estate (every resource kind, with problem cases and clean ones)"
phase_start
# A second `make demo` on the same local AWS keeps the estate the first one seeded (seeding twice would fail on the
# seeder's IAM role and double every resource); the seeder's role is the mark.
if [ -f "$work/estate.json" ] && awslocal iam get-role --role-name seed-role >/dev/null 2>&1; then
    echo "the sample estate seeded by an earlier run is still in this local AWS; keeping it"
else
    python3 tools/collector/seed_estate.py "$endpoint" us-east-1 --manifest "$work/estate.json"
fi
python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); print(f"{len(m)} resources in the sample estate")' "$work/estate.json"

# Local SNS sends no email: an SQS queue subscribed to the topic receives the report instead (MOTO-NOTES.md).
# The output is `topic_arn` in terraform and `TopicArn` in CloudFormation.
topic=$("$INFRAGEN" outputs "$BLUEPRINT" --target "$TARGET" --json | python3 -c '
import json, sys
outputs = {key.replace("_", "").lower(): value for key, value in json.load(sys.stdin).items()}
print(outputs["topicarn"])')
queue=$(awslocal sqs create-queue --queue-name inventory-demo-inbox --query QueueUrl --output text)
queue_arn=$(awslocal sqs get-queue-attributes --queue-url "$queue" --attribute-names QueueArn --query Attributes.QueueArn --output text)
awslocal sns subscribe --topic-arn "$topic" --protocol sqs --notification-endpoint "$queue_arn" \
    --attributes RawMessageDelivery=false >/dev/null
phase_end seed

step "run the collector, as the daily schedule would"
phase_start
"$INFRAGEN" invoke inventory-collector --blueprint "$BLUEPRINT" --target "$TARGET" --local | tee "$work/collector.json"
phase_end scan

# The collector put its completion event on the default bus; moto matched it against the deployed rules, and the
# launcher recorded what the inventory-trigger-analyzer rule delivers to its Lambda target (moto cannot run the
# function itself; tools/moto-launcher.py). That very event, found by its scan id, is the analyzer's input.
step "deliver the completion event to the analyzer, as the inventory-trigger-analyzer rule did"
python3 - "$work/collector.json" .infragen/local/lambda-events/inventory-analyzer.jsonl > "$work/event.json" <<'PY' \
    || { echo "no completion event reached the analyzer's rule; the analyzer would not run" >&2; exit 1; }
import json, sys
scan_id = json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])["body"]["scan_id"]
try:
    lines = open(sys.argv[2]).read().splitlines()
except FileNotFoundError:
    sys.exit(f"{sys.argv[2]}: nothing delivered")
for line in reversed(lines):
    delivered = json.loads(line)
    if delivered["event"].get("detail", {}).get("scan_id") == scan_id:
        print(f"rule {delivered['rule']} delivered event {delivered['event']['id']} for {scan_id}", file=sys.stderr)
        print(json.dumps(delivered["event"]))
        break
else:
    sys.exit(f"{sys.argv[2]}: no event for {scan_id}")
PY
phase_start
"$INFRAGEN" invoke inventory-analyzer --blueprint "$BLUEPRINT" --target "$TARGET" --local --event "$work/event.json" | tee "$work/analyzer.json"
phase_end analyze

step "the email SNS delivered"
# The report of this run's scan (an earlier run's may still be queued); each message read is deleted.
python3 - "$endpoint" "$queue" "$work/event.json" <<'PY'
import json, sys
import boto3
endpoint, queue, event = sys.argv[1:4]
scan_id = json.load(open(event))["detail"]["scan_id"]
sqs = boto3.client("sqs", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="testing",
                   aws_secret_access_key="testing")
for _ in range(10):
    for message in sqs.receive_message(QueueUrl=queue, WaitTimeSeconds=2, MaxNumberOfMessages=10).get("Messages", []):
        sqs.delete_message(QueueUrl=queue, ReceiptHandle=message["ReceiptHandle"])
        body = json.loads(message["Body"])
        if scan_id in body["Message"]:
            print("Subject:", body["Subject"])
            print()
            print(body["Message"])
            sys.exit(0)
sys.exit(f"no report for {scan_id} reached the topic's SQS subscription")
PY

phase_wall=$total_wall phase_cpu=$total_cpu phase_end total

step "the stack is up"
"$INFRAGEN" local status
"$INFRAGEN" outputs "$BLUEPRINT" --target "$TARGET"
echo "explore with: AWS_ENDPOINT_URL=$endpoint AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing aws ..."
echo "tear down with: make demo-down"
