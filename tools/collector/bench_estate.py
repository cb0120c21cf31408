"""Seeds a generated estate straight into moto's backends, inside the moto server process (tools/moto-launcher.py
`--seed-estate`), for the collector benchmark: 10,000 resources through moto's HTTP API take minutes, this takes
seconds. The objects are moto's own models made by the same backend methods its HTTP handlers call, so the scan
reads them through the real API exactly as it would read API-made ones.

Per region (two by default): 600 instances (one reservation each, every third stopped; each has its gp2 root volume),
1,400 more volumes (gp2/gp3, half encrypted), 1,575 snapshots of them, 200 AMIs (each with its snapshot), 150 RDS
instances, 225 Lambda functions, 25 EKS clusters: 600 + 2,000 + 1,775 + 200 + 150 + 225 + 25 = 4,975; and 50 S3
buckets spread over the regions with lifecycle, versioning, encryption and tags varied. 4,975 x 2 + 50 = 10,000.
(Instances are the fewest of the EC2 kinds, as in most estates; they are also the slowest for moto to serialize.)

The manifest lists every resource made (resource_id, resource_type, region), read from the backends afterwards.
"""
import io
import json
import zipfile

ACCOUNT = "123456789012"

PER_REGION = {"instances": 600, "volumes": 1400, "snapshots": 1575, "images": 200, "databases": 150,
              "functions": 225, "clusters": 25}
BUCKETS = 50


def seed(regions, manifest_path):
    from moto.awslambda.models import lambda_backends
    from moto.core.parse import XFormedDict  # what moto's RDS handler passes to the backend
    from moto.ec2.models import ec2_backends
    from moto.eks.models import eks_backends
    from moto.iam.models import iam_backends
    from moto.rds.models import rds_backends
    from moto.s3.models import s3_backends

    manifest = []

    def add(resource_id, rtype, region):
        manifest.append({"resource_id": resource_id, "resource_type": rtype, "region": region})

    role = iam_backends[ACCOUNT]["global"].create_role(
        role_name="bench-role", assume_role_policy_document="{}", path="/", permissions_boundary=None,
        description="", tags=[], max_session_duration=3600).arn
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("bootstrap", "#!/bin/sh\n")
    import base64
    code = base64.b64encode(buf.getvalue()).decode()

    for region in regions:
        ec2 = ec2_backends[ACCOUNT][region]
        instances = []
        # moto finds an instance by scanning every reservation (quadratic over a seeding of thousands); look up the
        # ones made here in a dict while seeding. Same objects, same backend methods.
        made = {}
        original_get_instance = ec2.get_instance

        def get_instance(instance_id):
            if instance_id not in made and ec2.reservations:  # one being made now: the newest reservation's
                made.update((i.id, i) for i in next(reversed(ec2.reservations.values())).instances)
            return made.get(instance_id) or original_get_instance(instance_id)

        ec2.get_instance = get_instance
        for i in range(PER_REGION["instances"]):
            itype = ["t3.micro", "m4.large", "t2.small"][i % 3]
            reservation = ec2.run_instances(
                "ami-12c6146b", 1, None, [], instance_type=itype,
                # True skips only moto's scan of the type offerings (it validates nothing unless asked to).
                is_instance_type_default=True,
                region_name=region, tags={"instance": {"Name": f"web-{region}-{i}", "Owner": "team-a"}},
                security_group_ids=[], nics=[], placement=None, subnet_id=None, key_name=None, private_ip=None,
                associate_public_ip=None, ebs_optimized=False, disable_api_stop=False, launch_template={},
                instance_market_options={}, hibernation_options={}, metadata_options={},
                instance_initiated_shutdown_behavior=None, monitoring_state="disabled", client_token=f"b{i}")
            instances.extend(reservation.instances)
        ec2.stop_instances([inst.id for inst in instances[::3]])
        volumes = []
        for v in range(PER_REGION["volumes"]):
            volume = ec2.create_volume(size=10 + v % 5, zone_name=region + "a", encrypted=v % 2 == 1,
                                       volume_type="gp2" if v % 2 == 0 else "gp3")
            ec2.create_tags([volume.id], {"Name": f"data-{v}"})
            volumes.append(volume)
        for s in range(PER_REGION["snapshots"]):
            snapshot = ec2.create_snapshot(volumes[s % len(volumes)].id, f"backup-{s}")
            ec2.create_tags([snapshot.id], {"Name": f"backup-{s}"})
        for a in range(PER_REGION["images"]):
            ec2.create_image(instances[a].id, f"golden-{region}-{a}", "", [])
        del ec2.get_instance
        for inst in instances:
            add(f"arn:aws:ec2:{region}:{ACCOUNT}:instance/{inst.id}", "ec2.instance", region)
        for volume in ec2.describe_volumes():
            add(f"arn:aws:ec2:{region}:{ACCOUNT}:volume/{volume.id}", "ebs.volume", region)
        for snapshot in ec2.describe_snapshots(filters={"owner-id": [ACCOUNT]}):
            add(f"arn:aws:ec2:{region}::snapshot/{snapshot.id}", "ebs.snapshot", region)
        for image in ec2.describe_images(owners=["self"]):
            add(f"arn:aws:ec2:{region}::image/{image.id}", "ec2.ami", region)

        rds = rds_backends[ACCOUNT][region]
        for d in range(PER_REGION["databases"]):
            engine, version = [("mysql", "8.0.35"), ("postgres", "13.4"), ("mysql", "5.7.44")][d % 3]
            database = rds.create_db_instance(XFormedDict({
                "DBInstanceIdentifier": f"db-{region}-{d}", "DBInstanceClass": "db.t3.micro", "Engine": engine,
                "EngineVersion": version, "MasterUsername": "admin", "MasterUserPassword": "password123",
                "AllocatedStorage": 20, "MultiAZ": d % 2 == 0, "BackupRetentionPeriod": d % 8,
                "StorageEncrypted": d % 3 == 0, "Tags": [{"Key": "Owner", "Value": "team-db"}]}))
            add(database.db_instance_arn, "rds.instance", region)

        lam = lambda_backends[ACCOUNT][region]
        for f in range(PER_REGION["functions"]):
            runtime, arch, memory = [("python3.8", "x86_64", 128), ("nodejs20.x", "arm64", 256),
                                     ("provided.al2023", "arm64", 512)][f % 3]
            function = lam.create_function({
                "FunctionName": f"fn-{region}-{f}", "Runtime": runtime, "Role": role, "Handler": "bootstrap",
                "Code": {"ZipFile": code}, "MemorySize": memory, "Architectures": [arch]})
            add(function.function_arn, "lambda.function", region)

        eks = eks_backends[ACCOUNT][region]
        for c in range(PER_REGION["clusters"]):
            cluster = eks.create_cluster(name=f"k8s-{region}-{c}", role_arn=role, resources_vpc_config={},
                                         version=["1.27", "1.30", "1.24"][c % 3], tags={"Owner": "team-k8s"})
            add(cluster.arn, "eks.cluster", region)

    s3 = s3_backends[ACCOUNT]["aws"]
    for b in range(BUCKETS):
        region = regions[b % len(regions)]
        name = f"bench-bucket-{b:05d}-{region}"
        s3.create_bucket(name, region)
        if b % 2 == 0:
            s3.put_bucket_lifecycle(name, [{"ID": "expire", "Status": "Enabled", "Filter": {"Prefix": ""},
                                            "Expiration": {"Days": "30"}}])
        if b % 3 == 0:
            s3.put_bucket_versioning(name, "Enabled")
        if b % 4 != 1:
            s3.put_bucket_encryption(name, {"Rule": {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}})
        if b % 2 == 1:
            s3.put_bucket_tagging(name, {"Owner": "team-s3"})
        add(f"arn:aws:s3:::{name}", "s3.bucket", region)

    with open(manifest_path, "w") as out:
        json.dump(manifest, out)
    return len(manifest)
