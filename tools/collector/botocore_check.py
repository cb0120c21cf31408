#!/usr/bin/env python3
"""Checks recorded AWS exchanges with botocore, independently of the Swift code under test.

Reads a JSON list of exchanges from the file named by argv[1]; each has `service`, `operation`, the request as
received on the wire (`method`, `url`, `headers` as [[name, value], ...], `body_base64`) and optionally the response
sent back (`status`, `response_headers`, `response_base64`). Prints a JSON list, one entry per exchange:
  signature_valid: the SigV4 signature recomputed by botocore (secret "testing", the request's own X-Amz-Date and
                   SignedHeaders) equals the one in Authorization;
  scope: the credential scope's date/region/service;
  parsed: the response parsed by botocore's own parser for the operation's protocol and output shape
          (timestamps as ISO 8601 UTC strings).
"""
import base64
import datetime
import json
import sys

import botocore.session
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest, HTTPHeaders
from botocore.credentials import Credentials
from botocore.parsers import create_parser


def header(headers, name):
    return next((v for k, v in headers if k.lower() == name.lower()), None)


def verify(exchange):
    headers = exchange["headers"]
    authorization = header(headers, "Authorization") or ""
    fields = dict(part.strip().split("=", 1) for part in authorization.split(" ", 1)[1].split(","))
    scope = fields["Credential"].split("/")
    signed = fields["SignedHeaders"].split(";")
    request = AWSRequest(method=exchange["method"], url=exchange["url"],
                         data=base64.b64decode(exchange["body_base64"]))
    for name, value in headers:
        if name.lower() in signed:
            request.headers[name] = value
    request.context["timestamp"] = header(headers, "X-Amz-Date")
    auth = SigV4Auth(Credentials("testing", "testing", header(headers, "X-Amz-Security-Token")), scope[3], scope[2])
    def headers_to_sign(req):
        chosen = HTTPHeaders()
        for name, value in req.headers.items():
            if name.lower() in signed:
                chosen[name.lower()] = value
        return chosen

    auth.headers_to_sign = headers_to_sign
    canonical = auth.canonical_request(request)
    expected = auth.signature(auth.string_to_sign(request, canonical), request)
    return expected == fields["Signature"], "/".join(scope[1:4])


def iso(value):
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, dict):
        return {k: iso(v) for k, v in value.items() if k != "ResponseMetadata"}
    if isinstance(value, list):
        return [iso(v) for v in value]
    return value


def parse(session, exchange):
    if "response_base64" not in exchange:
        return None
    model = session.get_service_model(exchange["service"])
    operation = model.operation_model(exchange["operation"])
    parser = create_parser(model.metadata["protocol"])
    response = {"status_code": exchange["status"], "headers": dict(exchange["response_headers"]),
                "body": base64.b64decode(exchange["response_base64"])}
    return iso(parser.parse(response, operation.output_shape))


def main():
    exchanges = json.load(open(sys.argv[1]))
    session = botocore.session.get_session()
    out = []
    for exchange in exchanges:
        valid, scope = verify(exchange)
        out.append({"signature_valid": valid, "scope": scope, "parsed": parse(session, exchange)})
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
