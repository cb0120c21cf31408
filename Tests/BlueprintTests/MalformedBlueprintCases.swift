// Every malformed blueprint under Malformed/ with the exact diagnostics infragen must print for it, in order
// (`<line>:<column>: error: <key path>: <message> (hint: …)`, the file name left off).

let malformedBlueprintCases: [(name: String, diagnostics: [String])] = [
    ("architecture-misspelled", [
        "10:19: error: functions.worker.architecture: 'arm' is not one of arm64, x86_64 (hint: did you mean `arm64`?)",
    ]),
    ("attribute-declared-but-unused", [
        "4:31: error: tables.items.attributes.name: attribute 'name' is declared but is no table or index key; DynamoDB rejects it (hint: declare only key attributes; other attributes need no declaration)",
    ]),
    ("attribute-type-invalid", [
        "4:22: error: tables.items.attributes.id: 'X' is not one of S, N, B (hint: use one of: S, N, B)",
    ]),
    ("cron-bad-month-name", [
        "14:15: error: rules.nightly.schedule: cron month field 'JANUARY' is not a valid value (hint: month takes 1-12 or JAN-DEC, lists (a,b), ranges (a-b), steps (*/n))",
    ]),
    ("cron-both-days", [
        "14:15: error: rules.nightly.schedule: cron(0 2 1 * MON *): exactly one of day-of-month and day-of-week must be '?' (hint: replace one with '?', e.g. cron(0 2 1 * ? *))",
    ]),
    ("cron-five-fields", [
        "14:15: error: rules.nightly.schedule: cron(0 2 * * ?) has 5 fields; EventBridge needs 6 (minutes hours day-of-month month day-of-week year) (hint: e.g. cron(0 2 * * ? *) runs daily at 02:00 UTC)",
    ]),
    ("cron-minute-out-of-range", [
        "14:15: error: rules.nightly.schedule: cron minutes field '60' has 60, outside 0-59 (hint: minutes takes 0-59, lists (a,b), ranges (a-b), steps (*/n))",
    ]),
    ("cron-neither-day-unset", [
        "14:15: error: rules.nightly.schedule: cron(0 2 ? * ? *): exactly one of day-of-month and day-of-week must be '?' (hint: set one of them, e.g. cron(0 2 * * ? *))",
    ]),
    ("dangling-reference", [
        "11:19: error: functions.worker.environment.TABLE_NAME: reference ${table.itemz.name} names no table 'itemz' (hint: did you mean 'items'?)",
    ]),
    ("duplicate-key", [
        "7:3: error: duplicate key 'worker' in one mapping (hint: each key may appear once; merge the two entries)",
    ]),
    ("email-in-blueprint", [
        "20:19: error: topics.alerts.subscriptions[0].endpoint: an address written into the blueprint ends up in the repository (hint: declare a parameter (e.g. alert_email) and write ${parameter.alert_email})",
    ]),
    ("empty-file", [
        "1:1: error: blueprint is empty (hint: start with `stack: <name>`)",
    ]),
    ("environment-variable-bad-name", [
        "11:15: error: functions.worker.environment.1TABLE: environment variable '1TABLE' must start with a letter (hint: rename the variable)",
    ]),
    ("function-name-too-long", [
        "8:5: error: functions.wwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwww: the function's role would be named 'wwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwww-role': role name 'wwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwww-role' is 70 characters long; AWS allows 1–64 (hint: keep function names to 59 characters of A-Z a-z 0-9 - _)",
        "8:5: error: functions.wwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwww: function name 'wwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwww' is 65 characters long; AWS allows 1–64 (hint: rename it to fit the rule)",
    ]),
    ("index-key-undeclared", [
        "8:19: error: tables.items.global_indexes.by-date.hash_key: key attribute 'scan_date' is not declared in tables.items.attributes (hint: add 'scan_date: S' (or N, B) under attributes)",
    ]),
    ("key-attribute-undeclared", [
        "4:22: error: tables.items.attributes.id: attribute 'id' is declared but is no table or index key; DynamoDB rejects it (hint: declare only key attributes; other attributes need no declaration)",
        "5:15: error: tables.items.hash_key: key attribute 'pk' is not declared in tables.items.attributes (hint: add 'pk: S' (or N, B) under attributes)",
    ]),
    ("log-retention-not-offered", [
        "10:25: error: functions.worker.log_retention_days: retention of 100 days is not one CloudWatch Logs offers (hint: use one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653)",
    ]),
    ("many-errors-at-once", [
        "9:13: error: functions.worker.memory: memory 64 MB is outside Lambda's 128–10240 MB (hint: the runtimes here run in 128 MB)",
        "10:14: error: functions.worker.timeout: timeout 0 s is outside Lambda's 1–900 s (hint: a scan of a large estate needs minutes, e.g. 300)",
        "12:19: error: functions.worker.environment.TABLE_NAME: reference ${table.itemz.name} names no table 'itemz' (hint: did you mean 'items'?)",
        "15:15: error: rules.nightly.schedule: cron(0 2 * * *) has 5 fields; EventBridge needs 6 (minutes hours day-of-month month day-of-week year) (hint: e.g. cron(0 2 * * ? *) runs daily at 02:00 UTC)",
    ]),
    ("memory-not-a-number", [
        "9:13: error: functions.worker.memory: expected a whole number, found 'lots' (hint: write digits only, e.g. 128)",
    ]),
    ("memory-too-large", [
        "9:13: error: functions.worker.memory: memory 20000 MB is outside Lambda's 128–10240 MB (hint: the runtimes here run in 128 MB)",
    ]),
    ("memory-too-small", [
        "9:13: error: functions.worker.memory: memory 64 MB is outside Lambda's 128–10240 MB (hint: the runtimes here run in 128 MB)",
    ]),
    ("missing-stack-name", [
        "1:1: error: missing required key `stack` (hint: add `stack: …` to the top level)",
    ]),
    ("on-failure-not-a-topic", [
        "10:17: error: functions.worker.on_failure: on_failure must name a topic or a function, not a table (hint: e.g. on_failure: ${topic.inventory-alerts.arn})",
    ]),
    ("parameter-name-with-dash", [
        "18:5: error: parameters.alert-email: parameter name 'alert-email' contains '-'; AWS allows only A-Z a-z 0-9 _ (starting with a letter) (hint: rename it to fit the rule)",
    ]),
    ("projection-invalid", [
        "9:21: error: tables.items.global_indexes.by-id.projection: 'EVERYTHING' is not one of ALL, KEYS_ONLY, INCLUDE (hint: use one of: ALL, KEYS_ONLY, INCLUDE)",
    ]),
    ("provisioned-without-capacity", [
        "6:19: error: tables.items.billing_mode: PROVISIONED billing needs read and write capacity (hint: add capacity: {read: 5, write: 5} or use PAY_PER_REQUEST)",
    ]),
    ("rate-plural-for-one", [
        "14:15: error: rules.nightly.schedule: rate(1 hours) must use the singular unit (hint: write rate(1 hour))",
    ]),
    ("rate-zero", [
        "14:15: error: rules.nightly.schedule: rate(0 minutes) needs a positive whole number and a unit (hint: write rate(<positive integer> <minute|minutes|hour|hours|day|days>), e.g. rate(6 hours))",
    ]),
    ("reference-cycle", [
        "8:5: error: functions.a: reference cycle: function a → function b → function a (hint: break the cycle by removing one of these references)",
    ]),
    ("reserved-environment-variable", [
        "11:19: error: functions.worker.environment.AWS_REGION: environment variable 'AWS_REGION' is reserved by Lambda (hint: Lambda sets it itself; remove it)",
    ]),
    ("rule-targets-misspelled", [
        "14:5: error: rules.nightly: missing required key `targets` (hint: add `targets: …` to rules.nightly)",
        "15:5: error: rules.nightly.target: unknown key `target` (hint: did you mean `targets`?)",
    ]),
    ("rule-with-two-triggers", [
        "14:5: error: rules.nightly: a rule has either a schedule or an event_pattern, not both (hint: e.g. schedule: cron(0 2 * * ? *))",
    ]),
    ("rule-without-trigger", [
        "14:5: error: rules.nightly: a rule needs a schedule or an event_pattern (hint: e.g. schedule: cron(0 2 * * ? *))",
    ]),
    ("schedule-not-an-expression", [
        "14:15: error: rules.nightly.schedule: schedule 'daily' is neither cron(...) nor rate(...) (hint: write e.g. cron(0 2 * * ? *) for 02:00 UTC daily, or rate(1 day))",
    ]),
    ("stack-name-starts-with-digit", [
        "1:8: error: stack: stack name '1demo' must start with a letter (hint: rename it)",
    ]),
    ("tab-indentation", [
        "5:1: error: invalid YAML: a tab is used for indentation (hint: indent with spaces; YAML forbids tabs in indentation)",
    ]),
    ("table-name-bad-character", [
        "4:5: error: tables.my items: table name 'my items' contains ' '; AWS allows only A-Z a-z 0-9 _ . - (hint: rename it to fit the rule)",
    ]),
    ("table-name-too-short", [
        "4:5: error: tables.ab: table name 'ab' is 2 characters long; AWS allows 3–255 (hint: rename it to fit the rule)",
    ]),
    ("timeout-too-long", [
        "10:14: error: functions.worker.timeout: timeout 901 s is outside Lambda's 1–900 s (hint: a scan of a large estate needs minutes, e.g. 300)",
    ]),
    ("timeout-zero", [
        "10:14: error: functions.worker.timeout: timeout 0 s is outside Lambda's 1–900 s (hint: a scan of a large estate needs minutes, e.g. 300)",
    ]),
    ("top-level-is-a-list", [
        "1:1: error: expected a mapping (key: value lines), found a list (hint: expected keys: stack, description, tags, parameters, keys, tables, topics, functions, rules, outputs)",
    ]),
    ("topic-name-bad-character", [
        "18:5: error: topics.alerts!: topic name 'alerts!' contains '!'; AWS allows only A-Z a-z 0-9 - _ (hint: rename it to fit the rule)",
    ]),
    ("tracing-wrong-case", [
        "10:14: error: functions.worker.tracing: 'active' is not one of Active, PassThrough (hint: did you mean `Active`?)",
    ]),
    ("unclosed-quote", [
        "8:14: error: invalid YAML: this quoted value is never closed (hint: close the quote on the same value)",
    ]),
    ("unclosed-reference", [
        "11:19: error: functions.worker.environment.TABLE_NAME: unclosed reference in '${table.items.name' (hint: close it with `}`)",
    ]),
    ("undefined-alias", [
        "9:13: error: invalid YAML: found undefined alias (hint: define the anchor (&name) before using *name)",
    ]),
    ("unknown-key-did-you-mean", [
        "4:5: error: tables.items: missing required key `hash_key` (hint: add `hash_key: …` to tables.items)",
        "5:5: error: tables.items.hash_ky: unknown key `hash_ky` (hint: did you mean `hash_key`?)",
    ]),
    ("unknown-pseudo-value", [
        "12:15: error: functions.worker.environment.REGION: unknown deployment value ${aws.regoin} (hint: did you mean ${aws.region}?)",
    ]),
    ("unknown-reference-attribute", [
        "11:19: error: functions.worker.environment.TABLE_NAME: a table has no attribute `id` (hint: use one of: name, arn)",
    ]),
    ("unknown-reference-kind", [
        "11:19: error: functions.worker.environment.TABLE_NAME: unknown kind `tabel` in ${tabel.items.name} (hint: did you mean `table`?)",
    ]),
    ("unknown-rule-target", [
        "15:15: error: rules.nightly.targets[0]: no function named 'wroker' in this stack (hint: did you mean 'worker'?)",
    ]),
    ("unknown-section", [
        "2:1: error: tabels: unknown key `tabels` (hint: did you mean `tables`?)",
    ]),
    ("wildcard-action", [
        "12:19: error: functions.worker.policy[0].actions[0]: action 'dynamodb:*' is not a single service:Action (hint: wildcard actions are not allowed; name each action)",
    ]),
]
