#!/usr/bin/env python3
"""Start moto's server in-process on a free loopback port and print `PORT <n>` once it listens.

Why a launcher instead of `moto_server -p N`: binding port 0 inside the server removes the race between picking
a free port and starting on it, and it is the one place where test-harness-only patches to moto live (see
../shared/MOTO-NOTES.md). The server stops when stdin closes or on SIGTERM/SIGINT.
"""
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


def main() -> None:
    if os.environ.get("MOTO_DETACH") == "1":
        # `infragen local up`: outlive the command that started us, and ignore its terminal's Ctrl-C.
        try:
            os.setsid()
        except OSError:
            pass  # already a process-group leader (posix_spawn made us one): no terminal group to leave
    patch_moto()
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
