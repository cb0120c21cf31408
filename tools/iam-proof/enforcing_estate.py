#!/usr/bin/env python3
"""Set up moto for the IAM proofs (Tests/IAMProofTests), using moto's free requests before IAM is enforced.

Usage:
  enforcing_estate.py ENDPOINT resources   prints the stack's resource ARNs (JSON) after creating them and seeding
                                           a sample estate (tools/collector/seed_estate.py) in us-east-1
  enforcing_estate.py ENDPOINT roles FILE  FILE: {"roles": {name: policy document}, "member": {...}}; creates a user
                                           allowed to assume the roles, each trusting exactly that user, and the
                                           member account's scanning role (see member()); prints the keys (JSON)

The stack resources mirror blueprints/aws-inventory.yaml: the inventory table with its scan_date index, a
customer-managed KMS key, the report topic encrypted with it, and an SQS queue subscribed to the topic.
"""
import json
import os
import sys

import boto3

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "collector"))
import seed_estate  # noqa: E402

ACCOUNT = "123456789012"
REGION = "us-east-1"
USER = "iam-prover"


def client(endpoint, name):
    return boto3.client(name, endpoint_url=endpoint, region_name=REGION, aws_access_key_id="testing",
                        aws_secret_access_key="testing")


def resources(endpoint):
    dynamodb = client(endpoint, "dynamodb")
    table = dynamodb.create_table(
        TableName="aws-inventory", BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": n, "AttributeType": "S"} for n in ("resource_id", "timestamp",
                                                                                   "scan_date")],
        KeySchema=[{"AttributeName": "resource_id", "KeyType": "HASH"},
                   {"AttributeName": "timestamp", "KeyType": "RANGE"}],
        GlobalSecondaryIndexes=[{"IndexName": "scan_date-index",
                                 "KeySchema": [{"AttributeName": "scan_date", "KeyType": "HASH"}],
                                 "Projection": {"ProjectionType": "ALL"}}])["TableDescription"]
    key = client(endpoint, "kms").create_key(Description="inventory")["KeyMetadata"]
    sns = client(endpoint, "sns")
    topic = sns.create_topic(Name="inventory-alerts", Attributes={"KmsMasterKeyId": key["Arn"]})["TopicArn"]
    sqs = client(endpoint, "sqs")
    queue = sqs.create_queue(QueueName="report-inbox")["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn)
    manifest = seed_estate.seed(endpoint, [REGION], 1)
    return {"table": table["TableName"], "table_arn": table["TableArn"], "key_arn": key["Arn"], "topic_arn": topic,
            "queue_url": queue, "account": ACCOUNT, "region": REGION, "resources_seeded": len(manifest)}


def member(endpoint, spec):
    """A second account for cross-account scanning: its role `spec["role"]` trusts `spec["trusted"]` (moto matches
    principals literally, so the collector's session ARN) and may do `spec["actions"]`; one volume to find there."""
    sts = client(endpoint, "sts")
    arn = f"arn:aws:iam::{spec['account']}:role/{spec['role']}"
    c = sts.assume_role(RoleArn=arn, RoleSessionName="setup")["Credentials"]  # free requests: any role will do
    kw = dict(endpoint_url=endpoint, region_name=REGION, aws_access_key_id=c["AccessKeyId"],
              aws_secret_access_key=c["SecretAccessKey"], aws_session_token=c["SessionToken"])
    iam = boto3.client("iam", **kw)
    trust = {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": spec["trusted"]}}]}
    iam.create_role(RoleName=spec["role"], AssumeRolePolicyDocument=json.dumps(trust))
    iam.put_role_policy(RoleName=spec["role"], PolicyName="scan", PolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": spec["actions"], "Resource": "*"}]}))
    return boto3.client("ec2", **kw).create_volume(AvailabilityZone=f"{REGION}a", Size=4)["VolumeId"]


def roles(endpoint, spec):
    policies = spec["roles"]
    iam = client(endpoint, "iam")
    iam.create_user(UserName=USER)
    iam.put_user_policy(UserName=USER, PolicyName="assume-proof-roles", PolicyDocument=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                       "Resource": f"arn:aws:iam::{ACCOUNT}:role/*"}]}))
    key = iam.create_access_key(UserName=USER)["AccessKey"]
    trust = {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:user/{USER}"}}]}
    arns = {}
    for name, document in sorted(policies.items()):
        arns[name] = iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(trust))["Role"]["Arn"]
        iam.put_role_policy(RoleName=name, PolicyName="derived", PolicyDocument=json.dumps(document))
    volume = member(endpoint, spec["member"]) if "member" in spec else None
    return {"access_key_id": key["AccessKeyId"], "secret_access_key": key["SecretAccessKey"], "roles": arns,
            "member_volume": volume}


def main():
    endpoint, command = sys.argv[1], sys.argv[2]
    if command == "resources":
        result = resources(endpoint)
    elif command == "roles":
        with open(sys.argv[3]) as file:
            result = roles(endpoint, json.load(file))
    else:
        sys.exit(f"unknown command {command!r} (resources | roles FILE)")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
