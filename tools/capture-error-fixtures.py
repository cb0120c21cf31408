#!/usr/bin/env python3
"""Capture real error responses (status, headers, body) from moto for the error-decoding tests.

    python3 tools/capture-error-fixtures.py > Tests/AWSClientTests/Fixtures/captured-errors.json

Each case makes one failing call with boto3 against an in-process moto server and records the raw HTTP response
botocore received, plus the code and message botocore parsed from it (the oracle our decoder must agree with).
"""
import json
import os
import sys

os.environ.setdefault("MOTO_EC2_LOAD_DEFAULT_AMIS", "false")

import boto3  # noqa: E402
from moto.moto_server.threaded_moto_server import ThreadedMotoServer  # noqa: E402

VOLATILE = {"date", "server", "x-amz-id-2", "content-length", "connection"}


def main():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{server.get_host_and_port()[1]}"
    captured = []

    def client(name):
        c = boto3.client(name, endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="testing",
                         aws_secret_access_key="testing")
        c.meta.events.register("before-parse", lambda response_dict, **_: raw.update(response_dict))
        return c

    raw = {}
    cases = [
        ("json1.0", "dynamodb GetItem on a missing table", "dynamodb",
         lambda c: c.get_item(TableName="missing", Key={"k": {"S": "v"}})),
        ("json1.1", "eventbridge DescribeEventBus missing", "events", lambda c: c.describe_event_bus(Name="nope")),
        ("rest-json", "eks DescribeCluster missing", "eks", lambda c: c.describe_cluster(name="nope")),
        ("rest-json", "lambda GetFunction missing", "lambda", lambda c: c.get_function(FunctionName="nope")),
        ("query", "rds DescribeDBInstances missing", "rds",
         lambda c: c.describe_db_instances(DBInstanceIdentifier="nope")),
        ("query", "sns Publish to a missing topic", "sns",
         lambda c: c.publish(TopicArn="arn:aws:sns:us-east-1:123456789012:nope", Message="m")),
        ("ec2", "ec2 DescribeInstances unknown id", "ec2",
         lambda c: c.describe_instances(InstanceIds=["i-0123456789abcdef0"])),
        ("rest-xml", "s3 GetBucketLifecycleConfiguration missing bucket", "s3",
         lambda c: c.get_bucket_lifecycle_configuration(Bucket="nope")),
    ]
    for protocol, name, service, call in cases:
        raw.clear()
        try:
            call(client(service))
            raise SystemExit(f"{name}: expected an error")
        except client(service).exceptions.ClientError as error:
            parsed = error.response["Error"]
        headers = {k.lower(): v for k, v in raw["headers"].items() if k.lower() not in VOLATILE}
        captured.append(dict(
            name=name, protocol=protocol, status=raw["status_code"], headers=headers,
            body=raw["body"].decode("utf-8"), expectedCode=parsed.get("Code"), expectedMessage=parsed.get("Message", ""),
        ))
    server.stop()
    json.dump(captured, sys.stdout, indent=1, sort_keys=True, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
