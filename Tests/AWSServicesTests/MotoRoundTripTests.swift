import AWSClient
import AWSServices
import Foundation
import InfragenTestSupport
import Testing

/// Real HTTP, real SigV4, real moto: one or more operations per protocol, through each HTTP transport.
@Suite(.serialized) struct MotoRoundTripTests {
    let server: MotoServer

    init() throws {
        server = try MotoFixture.server()
        try server.reset()
    }

    // MARK: awsJson1_0 — DynamoDB

    @Test(arguments: TransportUnderTest.allCases)
    func dynamoDBPutQueryOnGSIWithPagesAndBatchWrite(_ transport: TransportUnderTest) async throws {
        let client = MotoFixture.client(server, transport: transport.transport)
        try MotoFixture.boto(
            server,
            """
            client('dynamodb').create_table(TableName='aws-inventory',
                KeySchema=[{'AttributeName': 'resource_id', 'KeyType': 'HASH'},
                           {'AttributeName': 'timestamp', 'KeyType': 'RANGE'}],
                AttributeDefinitions=[{'AttributeName': n, 'AttributeType': 'S'}
                                      for n in ('resource_id', 'timestamp', 'scan_date')],
                GlobalSecondaryIndexes=[{'IndexName': 'scan_date-index',
                    'KeySchema': [{'AttributeName': 'scan_date', 'KeyType': 'HASH'}],
                    'Projection': {'ProjectionType': 'ALL'}}],
                BillingMode='PAY_PER_REQUEST')
            """)
        func item(_ index: Int, scan: String) -> DynamoDBItem {
            [
                "resource_id": .s("arn:aws:ec2:us-east-1:123456789012:instance/i-\(index)"),
                "timestamp": .s("2026-11-29T04:00:00Z"), "scan_date": .s(scan), "size": .number(index),
                "tags": .m(["Name": .s("web \(index)"), "empty": .null]), "flags": .ss(["a", "b"]),
            ]
        }
        for index in 0..<5 {
            _ = try await client.call(
                DynamoDB.putItem, .init(tableName: "aws-inventory", item: item(index, scan: "d1")))
        }
        try await client.batchWriteAll((5..<35).map { .put(item($0, scan: "d2")) }, table: "aws-inventory")

        let query = DynamoDB.QueryInput(
            tableName: "aws-inventory", indexName: "scan_date-index", keyConditionExpression: "scan_date = :d",
            expressionAttributeValues: [":d": .s("d1")], limit: 2)
        var pages = 0
        var items: [DynamoDBItem] = []
        for try await page in client.queryPages(query) {
            pages += 1
            items += page.items ?? []
        }
        #expect(items.count == 5)
        #expect(pages >= 3)
        #expect(Set(items.compactMap { $0["size"]?.number }) == ["0", "1", "2", "3", "4"])
        #expect(items.first?["tags"]?.map?["Name"]?.string?.hasPrefix("web ") == true)

        var d2 = query
        d2.expressionAttributeValues = [":d": .s("d2")]
        d2.limit = nil
        let batch = try await client.call(DynamoDB.query, d2)
        #expect(batch.count == 30)

        let got = try await client.call(
            DynamoDB.getItem,
            .init(
                tableName: "aws-inventory",
                key: [
                    "resource_id": .s("arn:aws:ec2:us-east-1:123456789012:instance/i-7"),
                    "timestamp": .s("2026-11-29T04:00:00Z"),
                ]))
        #expect(got.item?["size"] == .n("7"))
        #expect(got.item?["flags"] == .ss(["a", "b"]))
    }

    @Test(arguments: TransportUnderTest.allCases)
    func dynamoDBErrorsAreTyped(_ transport: TransportUnderTest) async throws {
        let client = MotoFixture.client(server, transport: transport.transport)
        let error = try await #require(throws: AWSClientError.self) {
            _ = try await client.call(DynamoDB.getItem, .init(tableName: "missing", key: ["k": .s("v")]))
        }
        #expect(error.code == .service)
        #expect(error.awsCode == "ResourceNotFoundException")
        #expect(error.statusCode == 400)
        #expect(!error.isRetryable)
        #expect(error.attempts == 1)
    }

    // MARK: awsJson1_1 — EventBridge

    @Test(arguments: TransportUnderTest.allCases)
    func eventBridgePutEvents(_ transport: TransportUnderTest) async throws {
        let client = MotoFixture.client(server, transport: transport.transport)
        let output = try await client.call(
            EventBridge.putEvents,
            .init(entries: [
                .init(
                    source: "inventory.collector", detailType: "ScanCompleted", detail: #"{"scan_id":"s-1","count":3}"#),
                .init(source: "inventory.collector", detailType: "ScanCompleted", detail: #"{"scan_id":"s-2"}"#),
            ]))
        #expect(output.failedEntryCount == 0)
        #expect(output.entries?.count == 2)
        #expect(output.entries?.allSatisfy { $0.eventId?.isEmpty == false } == true)
    }

    // MARK: restJson1 — Lambda, EKS

    @Test(arguments: TransportUnderTest.allCases)
    func lambdaListFunctionsAcrossPages(_ transport: TransportUnderTest) async throws {
        let client = MotoFixture.client(server, transport: transport.transport)
        try MotoFixture.boto(
            server,
            """
            iam = client('iam')
            role = iam.create_role(RoleName='fn', AssumeRolePolicyDocument='{}')['Role']['Arn']
            buf = io.BytesIO()
            with zipfile.ZipFile(buf, 'w') as z: z.writestr('bootstrap', 'x')
            for i, runtime in enumerate(['provided.al2023', 'python3.8', 'nodejs16.x']):
                client('lambda').create_function(FunctionName=f'fn-{i}', Runtime=runtime, Role=role,
                    Handler='h', Code={'ZipFile': buf.getvalue()})
            """)
        var names: [String] = []
        var runtimes: [String] = []
        var pages = 0
        for try await page in client.paginate(
            Lambda.listFunctions, .init(maxItems: 1), inputToken: \.marker, outputToken: \.nextMarker)
        {
            pages += 1
            names += page.functions?.map(\.name) ?? []
            runtimes += page.functions?.compactMap(\.runtime) ?? []
        }
        #expect(names.sorted() == ["fn-0", "fn-1", "fn-2"])
        #expect(Set(runtimes) == ["provided.al2023", "python3.8", "nodejs16.x"])
        // moto ignores MaxItems (one page); Marker/NextMarker paging is covered by AWSClientTests.PaginatorTests.
        #expect(pages >= 1)
    }

    @Test(arguments: TransportUnderTest.allCases)
    func eksListAndDescribeClusters(_ transport: TransportUnderTest) async throws {
        let client = MotoFixture.client(server, transport: transport.transport)
        try MotoFixture.boto(
            server,
            """
            eks = client('eks')
            for name, version in [('prod', '1.24'), ('dev', '1.29'), ('ci', '1.30')]:
                eks.create_cluster(name=name, version=version, roleArn='arn:aws:iam::123456789012:role/eks',
                    resourcesVpcConfig={'subnetIds': []}, tags={'team': 'platform'})
            """)
        var clusters: [String] = []
        var pages = 0
        for try await page in client.paginate(
            EKS.listClusters, .init(maxResults: 2), inputToken: \.nextToken, outputToken: \.nextToken)
        {
            pages += 1
            clusters += page.clusters ?? []
        }
        #expect(clusters.sorted() == ["ci", "dev", "prod"])
        #expect(pages == 2)

        let prod = try await client.call(EKS.describeCluster, .init(name: "prod")).cluster
        #expect(prod.version == "1.24")
        #expect(prod.tags?["team"] == "platform")
        #expect(prod.arn?.hasSuffix(":cluster/prod") == true)
        #expect(prod.createdAt != nil)

        let error = try await #require(throws: AWSClientError.self) {
            _ = try await client.call(EKS.describeCluster, .init(name: "nope"))
        }
        #expect(error.awsCode == "ResourceNotFoundException")
        #expect(error.statusCode == 404)
    }

    // MARK: query — RDS, SNS, STS

    @Test(arguments: TransportUnderTest.allCases)
    func rdsDescribeDBInstancesAcrossPages(_ transport: TransportUnderTest) async throws {
        let client = MotoFixture.client(server, transport: transport.transport)
        try MotoFixture.boto(
            server,
            """
            rds = client('rds')
            for i in range(5):
                rds.create_db_instance(DBInstanceIdentifier=f'db-{i}', DBInstanceClass='db.t3.micro',
                    Engine='postgres', EngineVersion='11.22', AllocatedStorage=20, MasterUsername='u',
                    MasterUserPassword='password-password', MultiAZ=(i == 0), BackupRetentionPeriod=i,
                    Tags=[{'Key': 'owner', 'Value': f'team-{i}'}])
            """)
        var instances: [RDS.DBInstance] = []
        var pages = 0
        for try await page in client.paginate(
            RDS.describeDBInstances, .init(maxRecords: 2), inputToken: \.marker, outputToken: \.marker)
        {
            pages += 1
            instances += page.dbInstances ?? []
        }
        #expect(pages == 3)
        #expect(instances.map(\.identifier).sorted() == (0..<5).map { "db-\($0)" })
        let first = try #require(instances.first { $0.identifier == "db-0" })
        #expect(first.multiAZ == true)
        #expect(first.engineVersion == "11.22")
        #expect(first.backupRetentionPeriod == 0)
        #expect(first.tags?.map { "\($0.key)=\($0.value ?? "")" } == ["owner=team-0"])

        let error = try await #require(throws: AWSClientError.self) {
            _ = try await client.call(RDS.describeDBInstances, .init(dbInstanceIdentifier: "missing"))
        }
        #expect(error.awsCode == "DBInstanceNotFound")
        #expect(error.statusCode == 404)
    }

    @Test(arguments: TransportUnderTest.allCases)
    func snsPublishReachesASubscribedQueue(_ transport: TransportUnderTest) async throws {
        let client = MotoFixture.client(server, transport: transport.transport)
        let topicArn = try MotoFixture.boto(
            server,
            """
            sns, sqs = client('sns'), client('sqs')
            topic = sns.create_topic(Name='inventory-alerts')['TopicArn']
            queue = sqs.create_queue(QueueName='inbox')['QueueUrl']
            arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=['QueueArn'])['Attributes']['QueueArn']
            sns.subscribe(TopicArn=topic, Protocol='sqs', Endpoint=arn)
            print(topic)
            """
        ).trimmingCharacters(in: .whitespacesAndNewlines)
        let message = "Inventory report ✓\nline two & <xml> chars"
        let output = try await client.call(
            SNS.publish, .init(topicArn: topicArn, message: message, subject: "Daily report: 3 findings"))
        #expect(output.messageId?.isEmpty == false)
        let received = try MotoFixture.boto(
            server,
            """
            sqs = client('sqs')
            queue = sqs.get_queue_url(QueueName='inbox')['QueueUrl']
            body = json.loads(sqs.receive_message(QueueUrl=queue)['Messages'][0]['Body'])
            print(json.dumps({'Subject': body['Subject'], 'Message': body['Message']}))
            """)
        let decoded = try JSONDecoder().decode([String: String].self, from: Data(received.utf8))
        #expect(decoded == ["Subject": "Daily report: 3 findings", "Message": message])
    }

    @Test(arguments: TransportUnderTest.allCases)
    func stsCallerIdentityAndAssumeRole(_ transport: TransportUnderTest) async throws {
        let client = MotoFixture.client(server, transport: transport.transport)
        let identity = try await client.call(STS.getCallerIdentity)
        #expect(identity.account == "123456789012")

        let roleArn = try MotoFixture.boto(
            server,
            """
            print(client('iam').create_role(RoleName='scanner', AssumeRolePolicyDocument='{}')['Role']['Arn'])
            """
        ).trimmingCharacters(in: .whitespacesAndNewlines)
        let assumed = try await client.call(STS.assumeRole, .init(roleArn: roleArn, roleSessionName: "scan-1"))
        #expect(assumed.credentials.sessionToken.isEmpty == false)
        #expect(assumed.credentials.expiration > Date())

        let provider = AssumeRoleCredentialProvider(roleArn: roleArn, sessionName: "scan-2", client: client)
        var asRole = client
        asRole.configuration.credentials = provider
        let roleIdentity = try await asRole.call(STS.getCallerIdentity)
        #expect(roleIdentity.arn.contains(":assumed-role/scanner/scan-2"))
    }

    // MARK: ec2Query — EC2

    @Test(arguments: TransportUnderTest.allCases)
    func ec2DescribeInstancesWithFilters(_ transport: TransportUnderTest) async throws {
        let client = MotoFixture.client(server, transport: transport.transport)
        try MotoFixture.boto(
            server,
            """
            ec2 = client('ec2')
            def run(name, count, kind):
                ec2.run_instances(ImageId='ami-12345678', MinCount=count, MaxCount=count, InstanceType=kind,
                    TagSpecifications=[{'ResourceType': 'instance', 'Tags': [{'Key': 'Name', 'Value': name}]}])
            run('web server', 2, 't3.micro')
            run('batch', 3, 'm4.large')
            """)
        let web = try await client.call(
            EC2.describeInstances,
            .init(filters: [
                .init(name: "tag:Name", values: ["web server"]),
                .init(name: "instance-state-name", values: ["running", "stopped"]),
            ]))
        let webInstances = (web.reservations ?? []).flatMap { $0.instances ?? [] }
        #expect(webInstances.count == 2)
        #expect(webInstances.allSatisfy { $0.instanceType == "t3.micro" && $0.state?.name == "running" })
        #expect(webInstances.first?.tags?.contains { $0.key == "Name" && $0.value == "web server" } == true)
        #expect(webInstances.first?.launchTime != nil)
        #expect(webInstances.first?.blockDevices?.first?.ebs?.volumeId?.hasPrefix("vol-") == true)

        let all = try await client.call(EC2.describeInstances, .init())
        #expect((all.reservations ?? []).flatMap { $0.instances ?? [] }.count == 5)

        let volumes = try await client.call(EC2.describeVolumes, .init())
        #expect(volumes.volumes?.count == 5)
        #expect(volumes.volumes?.first?.attachments?.first?.state == "attached")
        let regions = try await client.call(EC2.describeRegions, .init())
        #expect(regions.regions?.contains { $0.regionName == "eu-west-1" } == true)
        let snapshots = try await client.call(EC2.describeSnapshots, .init())
        #expect(snapshots.snapshots?.isEmpty ?? true)

        let error = try await #require(throws: AWSClientError.self) {
            _ = try await client.call(EC2.describeInstances, .init(instanceIds: ["i-0123456789abcdef0"]))
        }
        #expect(error.awsCode == "InvalidInstanceID.NotFound")
        #expect(error.statusCode == 400)
    }

    // MARK: restXml — S3

    @Test(arguments: TransportUnderTest.allCases)
    func s3BucketsLifecycleAndFriends(_ transport: TransportUnderTest) async throws {
        let client = MotoFixture.client(server, transport: transport.transport)
        try MotoFixture.boto(
            server,
            """
            s3 = client('s3')
            s3.create_bucket(Bucket='logs-with-lifecycle')
            s3.create_bucket(Bucket='no-lifecycle')
            s3.create_bucket(Bucket='eu-bucket', CreateBucketConfiguration={'LocationConstraint': 'eu-west-1'})
            s3.put_bucket_lifecycle_configuration(Bucket='logs-with-lifecycle', LifecycleConfiguration={'Rules': [
                {'ID': 'expire', 'Status': 'Enabled', 'Filter': {'Prefix': ''}, 'Expiration': {'Days': 30}},
                {'ID': 'old', 'Status': 'Disabled', 'Filter': {'Prefix': 'tmp/'}, 'Expiration': {'Days': 1}}]})
            s3.put_bucket_versioning(Bucket='logs-with-lifecycle', VersioningConfiguration={'Status': 'Enabled'})
            s3.put_bucket_encryption(Bucket='logs-with-lifecycle', ServerSideEncryptionConfiguration={'Rules': [
                {'ApplyServerSideEncryptionByDefault': {'SSEAlgorithm': 'aws:kms', 'KMSMasterKeyID': 'alias/x'}}]})
            s3.put_bucket_tagging(Bucket='no-lifecycle', Tagging={'TagSet': [{'Key': 'owner', 'Value': 'data'}]})
            """)
        let list = try await client.call(S3.listBuckets, .init())
        #expect(Set(list.buckets?.map(\.name) ?? []) == ["logs-with-lifecycle", "no-lifecycle", "eu-bucket"])
        #expect(list.buckets?.allSatisfy { $0.creationDate != nil } == true)

        let rules = try await client.lifecycleRules(ofBucket: "logs-with-lifecycle")
        #expect(rules.map(\.id) == ["expire", "old"])
        #expect(rules.first?.expiration?.days == 30)
        #expect(try await client.lifecycleRules(ofBucket: "no-lifecycle").isEmpty)
        let error = try await #require(throws: AWSClientError.self) {
            _ = try await client.call(S3.getBucketLifecycleConfiguration, .init(bucket: "no-lifecycle"))
        }
        #expect(error.awsCode == "NoSuchLifecycleConfiguration")
        #expect(error.statusCode == 404)
        #expect(!error.isRetryable)

        #expect(try await client.call(S3.getBucketVersioning, .init(bucket: "logs-with-lifecycle")).status == "Enabled")
        #expect(try await client.call(S3.getBucketVersioning, .init(bucket: "no-lifecycle")).status == nil)
        let encryption = try await client.call(S3.getBucketEncryption, .init(bucket: "logs-with-lifecycle"))
        #expect(encryption.rules.first?.applyByDefault?.algorithm == "aws:kms")
        #expect(encryption.rules.first?.applyByDefault?.kmsKeyID == "alias/x")
        let tags = try await client.call(S3.getBucketTagging, .init(bucket: "no-lifecycle"))
        #expect(tags.tags == [AWSTag(key: "owner", value: "data")])
        #expect(try await client.call(S3.getBucketLocation, .init(bucket: "eu-bucket")).region == "eu-west-1")
        #expect(try await client.call(S3.getBucketLocation, .init(bucket: "no-lifecycle")).region == "us-east-1")
    }
}

extension MotoRoundTripTests {
    /// `[profile scanner] role_arn + source_profile`: the source keys assume the role through moto's STS.
    @Test(arguments: TransportUnderTest.allCases)
    func profileWithRoleArnAssumesTheRole(_ transport: TransportUnderTest) async throws {
        let client = MotoFixture.client(server, transport: transport.transport)
        let roleArn = try MotoFixture.boto(
            server,
            """
            print(client('iam').create_role(RoleName='cross-scan', AssumeRolePolicyDocument='{}')['Role']['Arn'])
            """
        ).trimmingCharacters(in: .whitespacesAndNewlines)
        let directory = try RepoPaths.scratchDirectory("aws-role-profile")
        defer { try? FileManager.default.removeItem(at: directory) }
        try "[default]\naws_access_key_id = testing\naws_secret_access_key = testing\n"
            .write(to: directory.appendingPathComponent("credentials"), atomically: true, encoding: .utf8)
        try "[profile scanner]\nrole_arn = \(roleArn)\nsource_profile = default\nrole_session_name = nightly\n"
            .write(to: directory.appendingPathComponent("config"), atomically: true, encoding: .utf8)
        let environment = [
            "HOME": directory.path, "AWS_PROFILE": "scanner", "AWS_ENDPOINT_URL": server.endpoint,
            "AWS_SHARED_CREDENTIALS_FILE": directory.appendingPathComponent("credentials").path,
            "AWS_CONFIG_FILE": directory.appendingPathComponent("config").path,
        ]
        var asRole = client
        asRole.configuration.credentials = try ProfileRoleCredentialProvider(environment: environment)
        let identity = try await asRole.call(STS.getCallerIdentity)
        #expect(identity.arn.contains(":assumed-role/cross-scan/nightly"))

        try "[profile scanner]\nrole_arn = \(roleArn)\n"
            .write(to: directory.appendingPathComponent("config"), atomically: true, encoding: .utf8)
        #expect(throws: AWSClientError.self) { try ProfileRoleCredentialProvider(environment: environment) }
    }
}
