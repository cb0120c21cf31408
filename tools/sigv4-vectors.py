#!/usr/bin/env python3
"""Produce SigV4 test vectors with botocore's own signer (the oracle for Tests/AWSSigV4Tests).

Each case is a request as our Swift client would send it (wire path already percent-encoded, decoded query pairs,
headers that may repeat) and botocore's canonical request, string to sign and added headers for it, at a fixed time.

    python3 tools/sigv4-vectors.py > Tests/AWSSigV4Tests/Fixtures/sigv4-vectors.json

The Swift test re-runs this script when python3 with botocore is on PATH and fails if the output differs from the
committed file, so the fixture cannot drift from botocore silently.
"""
import base64
import datetime
import json
import sys
from unittest import mock
from urllib.parse import quote

import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

KEY = ("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
TOKEN = "IQoJb3JpZ2luX2VjEXAMPLETOKEN//////////wEaCXVzLWVhc3QtMSJHMEUCIQ=="


def case(name, service, method, host, path, query=(), headers=(), body=b"", *, region="us-east-1",
         s3=False, unsigned=False, token=None, when="2026-11-29T04:05:06", scheme="http", raw_path=None):
    """One request. `path` is raw (decoded); it is encoded the way our client encodes it unless raw_path is set."""
    encoded = raw_path if raw_path is not None else quote(path, safe="/~")
    return dict(name=name, service=service, method=method, host=host, scheme=scheme, encodedPath=encoded,
                query=[list(q) for q in query], headers=[list(h) for h in headers], body=body, region=region,
                s3=s3, unsigned=unsigned, token=token, when=when)


JSON = "application/x-amz-json-1.0"
FORM = "application/x-www-form-urlencoded; charset=utf-8"
CASES = [
    case("dynamodb GetItem", "dynamodb", "POST", "dynamodb.us-east-1.amazonaws.com", "/", headers=[
        ("Content-Type", JSON), ("X-Amz-Target", "DynamoDB_20120810.GetItem")],
        body=b'{"TableName":"aws-inventory","Key":{"resource_id":{"S":"i-1"}}}'),
    case("dynamodb with session token", "dynamodb", "POST", "dynamodb.eu-west-1.amazonaws.com", "/", headers=[
        ("Content-Type", JSON), ("X-Amz-Target", "DynamoDB_20120810.Query")], body=b"{}", region="eu-west-1",
        token=TOKEN),
    case("sts form body", "sts", "POST", "sts.us-east-1.amazonaws.com", "/", headers=[("Content-Type", FORM)],
         body=b"Action=GetCallerIdentity&Version=2011-06-15"),
    case("ec2 query filters", "ec2", "GET", "ec2.us-west-2.amazonaws.com", "/", query=[
        ("Action", "DescribeInstances"), ("Version", "2016-11-15"), ("Filter.1.Name", "tag:Name"),
        ("Filter.1.Value.1", "web server*")], region="us-west-2"),
    case("query reserved characters", "ec2", "GET", "ec2.us-east-1.amazonaws.com", "/", query=[
        ("a b", "c&d=e"), ("plus", "1+1=2"), ("slash", "a/b?c#d"), ("percent", "100%"), ("colon", "x:y;z,w")]),
    case("query unicode", "sns", "GET", "sns.us-east-1.amazonaws.com", "/", query=[
        ("Subject", "Café ✓ 日本"), ("Action", "Publish")]),
    case("query repeated keys sorted by value", "ec2", "GET", "ec2.us-east-1.amazonaws.com", "/", query=[
        ("Owner", "self"), ("Owner", "amazon"), ("Owner", "123456789012"), ("Action", "DescribeImages")]),
    case("query empty values and unreserved", "ec2", "GET", "ec2.us-east-1.amazonaws.com", "/", query=[
        ("empty", ""), ("tilde", "a~b-c_d.e"), ("Zed", "upper sorts first")]),
    case("unicode path double-encoded", "lambda", "GET", "lambda.us-east-1.amazonaws.com",
         "/2015-03-31/functions/café-λ/configuration"),
    case("s3 unicode key single-encoded", "s3", "GET", "s3.us-east-1.amazonaws.com", "/photos/été 2024/日本.jpg",
         s3=True),
    case("s3 key with space plus colon equals", "s3", "GET", "s3.us-east-1.amazonaws.com",
         "/bucket/a b+c:d=e&f.txt", s3=True),
    case("s3 path not normalised", "s3", "GET", "s3.us-east-1.amazonaws.com", "/bucket//a/./b/../c", s3=True),
    case("standard path normalised", "eks", "GET", "eks.us-east-1.amazonaws.com", "/clusters//a/./b/../c/"),
    case("empty body GET", "lambda", "GET", "lambda.us-east-1.amazonaws.com", "/2015-03-31/functions/", query=[
        ("MaxItems", "50"), ("Marker", "abc==")]),
    case("repeated headers", "dynamodb", "POST", "dynamodb.us-east-1.amazonaws.com", "/", headers=[
        ("X-Amz-Meta-Tag", "one"), ("Content-Type", JSON), ("X-Amz-Meta-Tag", "two"),
        ("X-Amz-Target", "DynamoDB_20120810.PutItem")], body=b"{}"),
    case("header whitespace", "dynamodb", "POST", "dynamodb.us-east-1.amazonaws.com", "/", headers=[
        ("My-Header1", "  value1  "), ("My-Header2", "\"a   b   c\""), ("My-Header3", "tab\tand \t mixed"),
        ("Content-Type", JSON)], body=b"{}"),
    case("mixed case header names", "sns", "POST", "sns.us-east-1.amazonaws.com", "/", headers=[
        ("CONTENT-TYPE", FORM), ("x-AMZ-custom", "V")], body=b"Action=ListTopics"),
    case("s3 unsigned payload", "s3", "PUT", "bucket.s3.us-east-1.amazonaws.com", "/key.bin", body=b"x" * 100,
         s3=True, unsigned=True, scheme="https"),
    case("s3 signed payload put", "s3", "PUT", "s3.eu-central-1.amazonaws.com", "/bucket/dir/key.txt",
         headers=[("Content-Type", "text/plain")], body=b"hello world\n", region="eu-central-1", s3=True),
    case("s3 lifecycle subresource", "s3", "GET", "s3.us-east-1.amazonaws.com", "/my-bucket", query=[
        ("lifecycle", "")], s3=True),
    case("s3 with session token", "s3", "GET", "s3.us-east-1.amazonaws.com", "/", s3=True, token=TOKEN),
    case("non-default port", "dynamodb", "POST", "127.0.0.1:4566", "/", headers=[
        ("Content-Type", JSON), ("X-Amz-Target", "DynamoDB_20120810.ListTables")], body=b"{}"),
    case("https default port dropped", "sts", "POST", "sts.amazonaws.com", "/", headers=[("Content-Type", FORM)],
         body=b"Action=AssumeRole&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fscanner", scheme="https"),
    case("eks describe cluster", "eks", "GET", "eks.ap-southeast-2.amazonaws.com", "/clusters/prod-cluster",
         region="ap-southeast-2"),
    case("bedrock converse model id with colon", "bedrock", "POST", "bedrock-runtime.us-east-1.amazonaws.com",
         "", raw_path="/model/" + quote("anthropic.claude-3-haiku-20240307-v1:0", safe="") + "/converse",
         headers=[("Content-Type", "application/json")], body='{"messages":[{"role":"user","content":[{"text":"é"}]}]}'.encode()),
    case("binary body", "lambda", "POST", "lambda.us-east-1.amazonaws.com", "/2015-03-31/functions/f/invocations",
         body=bytes(range(256))),
    case("leap day midnight", "rds", "POST", "rds.us-east-1.amazonaws.com", "/", headers=[("Content-Type", FORM)],
         body=b"Action=DescribeDBInstances&Version=2014-10-31", when="2024-02-29T23:59:59"),
    case("year boundary", "ec2", "GET", "ec2.us-east-1.amazonaws.com", "/", query=[("Action", "DescribeRegions")],
         when="2025-12-31T23:59:59"),
    case("china partition", "dynamodb", "POST", "dynamodb.cn-north-1.amazonaws.com.cn", "/", headers=[
        ("Content-Type", JSON)], body=b"{}", region="cn-north-1"),
    case("excluded headers", "sns", "POST", "sns.us-east-1.amazonaws.com", "/", headers=[
        ("User-Agent", "infragen/1.0"), ("Expect", "100-continue"), ("X-Amzn-Trace-Id", "Root=1"),
        ("Content-Type", FORM)], body=b"Action=Publish"),
    case("empty header value", "dynamodb", "POST", "dynamodb.us-east-1.amazonaws.com", "/", headers=[
        ("X-Empty", ""), ("Content-Type", JSON)], body=b"{}"),
    case("long query value", "ec2", "GET", "ec2.us-east-1.amazonaws.com", "/", query=[
        ("NextToken", "eyJ2IjoiMiIsImMiOiJ" + "A" * 500 + "==")]),
    case("s3 virtual host list with token", "s3", "GET", "my-bucket.s3.us-west-2.amazonaws.com", "/", query=[
        ("list-type", "2"), ("prefix", "a/b c"), ("continuation-token", "1/+=")], region="us-west-2", s3=True,
         token=TOKEN, scheme="https"),
]


def sign(c):
    url = f"{c['scheme']}://{c['host']}{c['encodedPath']}"
    request = AWSRequest(method=c["method"], url=url, data=c["body"], params=[tuple(q) for q in c["query"]])
    for name, value in c["headers"]:
        request.headers[name] = value  # HTTPHeaders appends: repeated names stay repeated
    if c["unsigned"]:
        request.context["payload_signing_enabled"] = False
        request.context["client_config"] = type("Config", (), {"s3": {"payload_signing_enabled": False}})()
    credentials = Credentials(KEY[0], KEY[1], c["token"])
    signer_class = botocore.auth.S3SigV4Auth if c["s3"] else botocore.auth.SigV4Auth
    signer = signer_class(credentials, c["service"], c["region"])
    when = datetime.datetime.strptime(c["when"], "%Y-%m-%dT%H:%M:%S")
    with mock.patch.object(botocore.auth, "get_current_datetime", lambda: when):
        signer.add_auth(request)
    added = {k: request.headers[k] for k in
             ("X-Amz-Date", "X-Amz-Security-Token", "X-Amz-Content-SHA256") if k in request.headers}
    added["Authorization"] = request.headers["Authorization"]
    # Recompute the intermediate strings without the Authorization header add_auth just set, and check they give
    # the signature botocore sent.
    del request.headers["Authorization"]
    canonical = signer.canonical_request(request)
    string_to_sign = signer.string_to_sign(request, canonical)
    assert added["Authorization"].endswith("Signature=" + signer.signature(string_to_sign, request)), c["name"]
    out = dict(c)
    out["epochSeconds"] = int((when - datetime.datetime(1970, 1, 1)).total_seconds())
    out["bodyBase64"] = base64.b64encode(c["body"]).decode()
    del out["body"]
    out["expected"] = dict(canonicalRequest=canonical, stringToSign=string_to_sign, headers=added)
    return out


def main():
    vectors = [sign(c) for c in CASES]
    json.dump(dict(accessKeyID=KEY[0], secretAccessKey=KEY[1], vectors=vectors), sys.stdout, indent=1,
              ensure_ascii=False, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
