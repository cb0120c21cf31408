#!/usr/bin/env python3
"""Start moto's server in-process on a free loopback port and print `PORT <n>` once it listens.

Why a launcher instead of `moto_server -p N`: binding port 0 inside the server removes the race between picking
a free port and starting on it, and it is the one place where test-harness-only patches to moto live (see
../shared/MOTO-NOTES.md). The server stops when stdin closes or on SIGTERM/SIGINT.

Benchmark options (CollectorBench): `--seed-estate MANIFEST [--regions a,b]` seeds tools/collector/bench_estate.py's
10,000-resource estate straight into moto's backends before `PORT` is printed, and writes its manifest;
`MOTO_AWS_PAGING=1` makes the list calls moto answers in one piece page the way AWS does (see `patch_paging`).
"""
import argparse
import base64
import json
import os
import signal
import sys
import threading

os.environ.setdefault("MOTO_EC2_LOAD_DEFAULT_AMIS", "false")

from moto.moto_server.threaded_moto_server import ThreadedMotoServer  # noqa: E402


def patch_moto() -> None:
    """Test-harness-only fixes for moto bugs that would make a correct client look wrong.

    - Lambda drops `KMSKeyArn` and `DeadLetterConfig` from function configurations (stored nowhere, echoed never),
      so terraform sees drift on every plan. Keep them and echo them, as AWS does.
    - CloudFormation AWS::KMS::Key tags (see below).
    - EventBridge rules with Lambda targets (see patch_lambda_targets).
    - CloudFormation stacks made by a change set (see patch_change_set_outputs).
    """
    from moto.awslambda import models as awslambda

    echoed = ("KMSKeyArn", "DeadLetterConfig")
    original_init = awslambda.LambdaFunction.__init__
    original_get = awslambda.LambdaFunction.get_configuration
    original_update = awslambda.LambdaFunction.update_configuration

    def init(self, account_id, spec, region, version=1):
        original_init(self, account_id, spec, region, version)
        self.infragen_echoed = {key: spec[key] for key in echoed if spec.get(key)}

    def get_configuration(self, *args, **kwargs):
        config = original_get(self, *args, **kwargs)
        config.update(getattr(self, "infragen_echoed", {}))
        return config

    def update_configuration(self, config_updates):
        echoed_now = getattr(self, "infragen_echoed", {})
        for key in echoed:
            if key in config_updates:
                if config_updates[key] and config_updates[key] != {"TargetArn": ""}:
                    echoed_now[key] = config_updates[key]
                else:
                    echoed_now.pop(key, None)
        self.infragen_echoed = echoed_now
        return original_update(self, config_updates)

    # - CloudFormation AWS::KMS::Key: moto reads Tags as the KMS API's {TagKey, TagValue} instead of
    #   CloudFormation's {Key, Value}, fails with KeyError and reports the key as an "undefined resource".
    from moto.kms import models as kms

    original_create_key = kms.Key.create_from_cloudformation_json.__func__

    def create_key_from_cloudformation(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        properties = cloudformation_json.get("Properties", {})
        properties["Tags"] = [
            {"TagKey": tag.get("Key", tag.get("TagKey")), "TagValue": tag.get("Value", tag.get("TagValue"))}
            for tag in properties.get("Tags", [])
        ]
        return original_create_key(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)

    kms.Key.create_from_cloudformation_json = classmethod(create_key_from_cloudformation)

    awslambda.LambdaFunction.__init__ = init
    awslambda.LambdaFunction.get_configuration = get_configuration
    awslambda.LambdaFunction.update_configuration = update_configuration
    patch_lambda_targets()
    patch_change_set_outputs()
    patch_signature_check()
    patch_lifecycle_calls()
    if os.environ.get("MOTO_CONVERSE_REPLY"):
        patch_converse(os.environ["MOTO_CONVERSE_REPLY"])


def patch_lambda_targets() -> None:
    """EventBridge delivery to Lambda targets, as far as an emulator without a Lambda runtime can go.

    moto matches each PutEvents entry against every rule's pattern, then raises NotImplementedError for a Lambda
    target, so PutEvents answers 500 once any matching rule targets a function; a client then retries the whole
    call with backoff and finally reports a failure that AWS would not have (AWS accepts the event and invokes the
    function asynchronously). Here a matched event for a Lambda target is accepted and, when
    INFRAGEN_LAMBDA_EVENTS names a directory, appended as one JSON line to `<dir>/<function-name>.jsonl`: the event
    the function would have received, for a harness to run the function with (tools/demo.sh does). Other targets
    keep moto's own handling. Not done: a target's input transformation (Input, InputPath, InputTransformer; the
    rendered stacks use none) — the event is recorded as matched.
    """
    import copy
    import datetime
    import json
    from moto.events import models as events

    spool = os.environ.get("INFRAGEN_LAMBDA_EVENTS")
    lock = threading.Lock()
    original_send = events.Rule.send_to_targets

    def send_to_targets(self, original_event, transform_input=True):
        if not self.event_pattern.matches_event(original_event):
            return
        lambdas = [t for t in self.targets if t["Arn"].split(":")[2:3] == ["lambda"]]
        if lambdas and spool:
            event = dict(original_event)
            event.pop("ingestion-time", None)
            if isinstance(event.get("time"), (int, float)):
                # AWS delivers `time` as ISO 8601 (moto keeps a Unix timestamp internally).
                event["time"] = datetime.datetime.fromtimestamp(event["time"], datetime.timezone.utc) \
                    .strftime("%Y-%m-%dT%H:%M:%SZ")
            with lock:
                os.makedirs(spool, exist_ok=True)
                for target in lambdas:
                    function = target["Arn"].split(":")[6]
                    with open(os.path.join(spool, f"{function}.jsonl"), "a", encoding="utf-8") as out:
                        out.write(json.dumps({"rule": self.name, "event": event}, sort_keys=True) + "\n")
        others = [t for t in self.targets if t not in lambdas]
        if others:
            # A shallow copy with the other targets only: the rule itself is shared by concurrent requests.
            rest = copy.copy(self)
            rest.targets = others
            original_send(rest, original_event, transform_input)

    events.Rule.send_to_targets = send_to_targets



def patch_change_set_outputs() -> None:
    """moto's ExecuteChangeSet creates the resources but keeps the outputs of the stack's template before the
    change set (none, for a CREATE change set), so DescribeStacks lists no Outputs although AWS would. Rebuild them
    from the executed template, as CreateStack and UpdateStack do."""
    from moto.cloudformation import models as cloudformation

    original = cloudformation.CloudFormationBackend.execute_change_set

    def execute_change_set(self, change_set_name, stack_name=None):
        original(self, change_set_name, stack_name)
        change_set = self.change_sets.get(change_set_name) or next(
            (c for c in self.change_sets.values() if c.change_set_name == change_set_name), None)
        if change_set is not None:
            stack = self.stacks[change_set.stack_id]
            stack._parse_template()
            stack.output_map = stack._create_output_map()

    cloudformation.CloudFormationBackend.execute_change_set = execute_change_set


def patch_signature_check() -> None:
    """With IAM enforced, moto recomputes each request's signature, from a request it rebuilds wrongly in two ways
    (MOTO-NOTES.md), so that correctly signed calls fail with SignatureDoesNotMatch:
    - a request without a body (every Lambda and EKS GET) is hashed as if its query parameters were a form body;
    - the path is taken decoded, so a path segment with a reserved character (Bedrock's `model/amazon.x-v1:0`) is
      canonicalised from `:` instead of the `%3A` that was sent.
    Rebuild it as sent: the empty body, and the path re-encoded the way every SigV4 client encodes it."""
    from urllib.parse import quote

    from botocore.awsrequest import AWSRequest
    from moto.iam import access_control

    def create_aws_request(self):
        signed = self._get_string_between("SignedHeaders=", ",", self._headers["Authorization"]).split(";")
        headers = self._create_headers_for_aws_request(signed, self._headers)
        path, separator, query = self._path.partition("?")
        url = quote(path, safe="/-_.~%") + separator + query
        bodyless = not self._body and self._method in ("GET", "HEAD", "DELETE")
        request = AWSRequest(method=self._method, url=url, data=b"" if bodyless else (self._body or self._data),
                             headers=headers)
        request.context["timestamp"] = headers["X-Amz-Date"]
        return request

    # S3 keeps moto's own request (its S3IAMRequest signs with the payload hash header and S3's path rules).
    access_control.IAMRequest._create_aws_request = create_aws_request


def patch_lifecycle_calls() -> None:
    """moto lacks EKS DescribeClusterVersions (404 before it authorises) and RDS DescribeDBMajorEngineVersions (500
    after it authorises, retried by every client). Answer both with empty lists: moto has no lifecycle data, and an
    empty answer is one AWS can give. They are then authorised like every other call (IAM proofs need that)."""
    from moto.core.responses import ActionResult
    from moto.eks import urls as eks_urls
    from moto.eks.responses import EKSResponse
    from moto.rds.responses import RDSResponse

    EKSResponse.describe_cluster_versions = lambda self: ActionResult({"clusterVersions": []})
    eks_urls.url_paths["{0}/cluster-versions$"] = eks_urls.response.dispatch
    RDSResponse.describe_db_major_engine_versions = lambda self: ActionResult({"DBMajorEngineVersions": []})


def patch_converse(reply: str) -> None:
    """moto's Bedrock runtime lacks Converse (500). For IAM proofs (MOTO_CONVERSE_REPLY set) answer it with a fixed
    text, as its InvokeModel does, so the call is authorised and answered like the real one."""
    from moto.bedrockruntime.responses import BedrockRuntimeResponse
    from moto.core.responses import ActionResult

    def converse(self):
        return ActionResult({
            "output": {"message": {"role": "assistant", "content": [{"text": reply}]}},
            "stopReason": "end_turn",
            "usage": {"inputTokens": 1, "outputTokens": 1, "totalTokens": 2},
            "metrics": {"latencyMs": 1},
        })

    BedrockRuntimeResponse.converse = converse


def patch_paging() -> None:
    """Page the list calls that moto 5.2.1 answers whole, as AWS pages them (`MOTO_AWS_PAGING=1`).

    - EC2 DescribeVolumes, DescribeSnapshots, DescribeImages: moto ignores MaxResults/NextToken. AWS returns at most
      MaxResults (at most 1,000) items and a NextToken while more remain; without MaxResults, everything at once.
      (DescribeInstances is paged by moto already, per reservation.)
    - Lambda ListFunctions: moto ignores MaxItems/Marker. AWS returns at most 50 functions per response, whatever
      MaxItems says, and NextMarker while more remain.
    Tokens are opaque offsets into moto's (insertion-ordered, hence stable) result lists.
    """
    from moto.awslambda.responses import LambdaResponse
    from moto.core.responses import ActionResult
    from moto.ec2.responses.amis import AmisResponse
    from moto.ec2.responses.elastic_block_store import ElasticBlockStore

    def token(offset):
        return base64.b64encode(f"offset:{offset}".encode()).decode()

    def offset(text):
        return int(base64.b64decode(text).decode().split(":", 1)[1]) if text else 0

    def paged_ec2(original, key):
        def method(self):
            result = original(self)
            limit, next_token = self._get_param("MaxResults"), self._get_param("NextToken")
            if limit is None and next_token is None:
                return result
            items = list(result.result[key])
            start, size = offset(next_token), min(int(limit or 1000), 1000)
            page = {key: items[start:start + size]}
            if start + size < len(items):
                page["NextToken"] = token(start + size)
            return ActionResult(page)
        return method

    ElasticBlockStore.describe_volumes = paged_ec2(ElasticBlockStore.describe_volumes, "Volumes")
    ElasticBlockStore.describe_snapshots = paged_ec2(ElasticBlockStore.describe_snapshots, "Snapshots")
    AmisResponse.describe_images = paged_ec2(AmisResponse.describe_images, "Images")

    original_list_functions = LambdaResponse.list_functions

    def list_functions(self):
        answer = json.loads(original_list_functions(self))
        functions = answer["Functions"]
        start = offset(self.querystring.get("Marker", [None])[0])
        size = min(int(self.querystring.get("MaxItems", [50])[0]), 50)
        answer["Functions"] = functions[start:start + size]
        if start + size < len(functions):
            answer["NextMarker"] = token(start + size)
        return json.dumps(answer)

    LambdaResponse.list_functions = list_functions

    # Every EC2 object reads its own tags with describe_tags(resource-id = its id), which scans every tag of the
    # region: quadratic in the estate (10 s of a 1,000-volume page). Answer that exact query from the index.
    from moto.ec2.models.tags import EC2_PREFIX_TO_RESOURCE, TagBackend, get_prefix

    original_describe_tags = TagBackend.describe_tags

    def describe_tags(self, filters=None):
        ids = (filters or {}).get("resource-id", [])
        if list(filters or {}) != ["resource-id"] or len(ids) != 1 or any(c in ids[0] for c in "*?\\"):
            return original_describe_tags(self, filters)
        resource_type = EC2_PREFIX_TO_RESOURCE.get(get_prefix(ids[0]), "")
        return [{"resource_id": ids[0], "key": key, "value": value, "resource_type": resource_type}
                for key, value in self.tags.get(ids[0], {}).items()]

    TagBackend.describe_tags = describe_tags


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed-estate", metavar="MANIFEST")
    parser.add_argument("--regions", default="us-east-1,eu-west-1")
    args = parser.parse_args()
    if os.environ.get("MOTO_DETACH") == "1":
        # `infragen local up`: outlive the command that started us, and ignore its terminal's Ctrl-C.
        try:
            os.setsid()
        except OSError:
            pass  # already a process-group leader (posix_spawn made us one): no terminal group to leave
    patch_moto()
    if os.environ.get("MOTO_AWS_PAGING") == "1":
        patch_paging()
    if args.seed_estate:
        sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "collector"))
        import bench_estate

        bench_estate.seed(args.regions.split(","), args.seed_estate)
    host = os.environ.get("MOTO_HOST", "127.0.0.1")
    port = int(os.environ.get("MOTO_PORT", "0"))
    server = ThreadedMotoServer(ip_address=host, port=port, verbose=False)
    server.start()
    print(f"PORT {server.get_host_and_port()[1]}", flush=True)

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    if os.environ.get("MOTO_DETACH") != "1":
        # Tests hold our stdin open; when the test process dies, stdin closes and we exit with it.
        threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    stop.wait()
    # Stop serving, then exit even if a request thread (a client's keep-alive connection) is still alive: without
    # os._exit such a non-daemon thread keeps the process running after SIGTERM.
    stopper = threading.Thread(target=server.stop, daemon=True)
    stopper.start()
    stopper.join(timeout=3)
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
