#!/usr/bin/env python3
"""Seed an AWS estate into moto for the collector's tests and benchmark, and print what was made.

Usage: seed_estate.py ENDPOINT REGIONS [--scale N] [--manifest FILE]

Creates, in every region of REGIONS (comma-separated): EC2 instances (one reservation each for the first few, so
moto's per-reservation paging has several pages; a third of them stopped), extra EBS volumes (gp2/gp3, some
encrypted), snapshots of them, AMIs of instances, RDS instances, Lambda functions and EKS clusters; and S3
buckets spread over the regions with lifecycle/versioning/encryption/tags varied. `--scale` multiplies the counts.
The manifest (JSON, stdout unless --manifest) lists every resource with the attributes the collector must store,
in the schema's names (docs/inventory-schema.md), computed from what was requested, not read back from moto.
"""
import argparse
import io
import json
import sys
import zipfile

import boto3

ACCOUNT = "123456789012"


def client(endpoint, name, region):
    return boto3.client(name, endpoint_url=endpoint, region_name=region, aws_access_key_id="testing",
                        aws_secret_access_key="testing")


def tags_of(pairs):
    return [{"Key": k, "Value": v} for k, v in pairs.items()]


def seed(endpoint, regions, scale, instances_per_region=None):
    manifest = []

    def add(resource_id, rtype, region, attributes):
        manifest.append({"resource_id": resource_id, "resource_type": rtype, "region": region,
                         "attributes": attributes})

    iam = client(endpoint, "iam", regions[0])
    role = iam.create_role(RoleName="seed-role", AssumeRolePolicyDocument="{}")["Role"]["Arn"]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("bootstrap", "#!/bin/sh\n")
    code = buf.getvalue()

    for r_index, region in enumerate(regions):
        ec2 = client(endpoint, "ec2", region)
        n_instances = instances_per_region or 6 * scale
        instances = []
        # Several reservations (moto pages DescribeInstances by reservation), then big batches for scale.
        batches = [1] * min(n_instances, 8)
        rest = n_instances - len(batches)
        while rest > 0:
            batches.append(min(rest, 500))
            rest -= batches[-1]
        for b_index, count in enumerate(batches):
            itype = ["t3.micro", "m4.large", "t2.small"][b_index % 3]
            out = ec2.run_instances(ImageId="ami-12c6146b", MinCount=count, MaxCount=count, InstanceType=itype,
                                    TagSpecifications=[{"ResourceType": "instance", "Tags": tags_of(
                                        {"Name": f"web-{region}-{b_index}", "Owner": "team-a"})}])
            for inst in out["Instances"]:
                instances.append((inst["InstanceId"], itype, f"web-{region}-{b_index}"))
        stopped = {iid for iid, _, _ in instances[::3]}
        for start in range(0, len(stopped), 500):
            ec2.stop_instances(InstanceIds=sorted(stopped)[start:start + 500])
        for iid, itype, name in instances:
            add(f"arn:aws:ec2:{region}:{ACCOUNT}:instance/{iid}", "ec2.instance", region,
                {"instance_id": iid, "instance_type": itype, "state": "stopped" if iid in stopped else "running",
                 "name": name, "image_id": "ami-12c6146b"})
        # Root volumes (gp2, attached), as moto makes them.
        for vol in ec2.describe_volumes()["Volumes"]:
            attached = [a["InstanceId"] for a in vol.get("Attachments", [])]
            add(f"arn:aws:ec2:{region}:{ACCOUNT}:volume/{vol['VolumeId']}", "ebs.volume", region,
                {"volume_id": vol["VolumeId"], "volume_type": vol["VolumeType"], "size_gib": vol["Size"],
                 "attached_instance_ids": attached, "encrypted": vol["Encrypted"]})
        volumes = []
        for v in range(4 * scale):
            vtype, enc = ("gp2", False) if v % 2 == 0 else ("gp3", True)
            vol = ec2.create_volume(AvailabilityZone=region + "a", Size=10 + v % 5, VolumeType=vtype, Encrypted=enc,
                                    TagSpecifications=[{"ResourceType": "volume", "Tags": tags_of(
                                        {"Name": f"data-{v}"})}])
            volumes.append(vol["VolumeId"])
            add(f"arn:aws:ec2:{region}:{ACCOUNT}:volume/{vol['VolumeId']}", "ebs.volume", region,
                {"volume_id": vol["VolumeId"], "volume_type": vtype, "size_gib": 10 + v % 5,
                 "attached_instance_ids": [], "encrypted": enc, "name": f"data-{v}", "state": "available"})
        for s, vid in enumerate((volumes * 2)[: 6 * scale]):
            snap = ec2.create_snapshot(VolumeId=vid, TagSpecifications=[{"ResourceType": "snapshot", "Tags": tags_of(
                {"Name": f"backup-{s}"})}])
            add(f"arn:aws:ec2:{region}::snapshot/{snap['SnapshotId']}", "ebs.snapshot", region,
                {"snapshot_id": snap["SnapshotId"], "volume_id": vid, "volume_size_gib": snap["VolumeSize"],
                 "encrypted": snap["Encrypted"], "name": f"backup-{s}"})
        for a in range(max(2, scale // 3)):
            image = ec2.create_image(InstanceId=instances[a][0], Name=f"golden-{region}-{a}")
            add(f"arn:aws:ec2:{region}::image/{image['ImageId']}", "ec2.ami", region,
                {"image_id": image["ImageId"], "name": f"golden-{region}-{a}"})
        # CreateImage made a snapshot per image: those are the account's too.
        known = {m["resource_id"] for m in manifest}
        for snap in ec2.describe_snapshots(OwnerIds=["self"])["Snapshots"]:
            arn = f"arn:aws:ec2:{region}::snapshot/{snap['SnapshotId']}"
            if arn not in known:
                add(arn, "ebs.snapshot", region, {"snapshot_id": snap["SnapshotId"],
                                                  "volume_size_gib": snap["VolumeSize"]})

        rds = client(endpoint, "rds", region)
        for d in range(3 * scale if scale > 1 else 22 if r_index == 0 else 3):
            engine, version = [("mysql", "8.0.35"), ("postgres", "13.4"), ("mysql", "5.7.44")][d % 3]
            ident = f"db-{region}-{d}"
            out = rds.create_db_instance(
                DBInstanceIdentifier=ident, DBInstanceClass="db.t3.micro", Engine=engine, EngineVersion=version,
                MasterUsername="admin", MasterUserPassword="password123", AllocatedStorage=20,
                MultiAZ=d % 2 == 0, BackupRetentionPeriod=d % 8, StorageEncrypted=d % 3 == 0,
                Tags=tags_of({"Owner": "team-db"}))["DBInstance"]
            add(out["DBInstanceArn"], "rds.instance", region,
                {"engine": engine, "engine_version": version, "db_instance_class": "db.t3.micro",
                 "multi_az": d % 2 == 0, "backup_retention_period": d % 8, "storage_encrypted": d % 3 == 0,
                 "allocated_storage_gib": 20, "name": ident})

        lam = client(endpoint, "lambda", region)
        for f in range(4 * scale):
            runtime, arch, memory = [("python3.8", "x86_64", 128), ("nodejs20.x", "arm64", 256),
                                     ("provided.al2023", "arm64", 512)][f % 3]
            out = lam.create_function(FunctionName=f"fn-{region}-{f}", Runtime=runtime, Role=role,
                                      Handler="bootstrap", Code={"ZipFile": code}, MemorySize=memory,
                                      Architectures=[arch])
            add(out["FunctionArn"], "lambda.function", region,
                {"runtime": runtime, "architectures": [arch], "memory_size_mb": memory, "package_type": "Zip",
                 "name": f"fn-{region}-{f}"})

        eks = client(endpoint, "eks", region)
        for c in range(3 * scale if scale > 1 else 3):
            version = ["1.27", "1.30", "1.24"][c % 3]
            out = eks.create_cluster(name=f"k8s-{region}-{c}", version=version, roleArn=role,
                                     resourcesVpcConfig={}, tags={"Owner": "team-k8s"})["cluster"]
            add(out["arn"], "eks.cluster", region, {"kubernetes_version": version, "name": f"k8s-{region}-{c}"})

    s3 = client(endpoint, "s3", regions[0])
    for b in range(4 * scale):
        region = regions[b % len(regions)]
        name = f"bucket-{b:05d}-{region}"
        regional = client(endpoint, "s3", region)
        if region == "us-east-1":
            regional.create_bucket(Bucket=name)
        else:
            regional.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": region})
        attributes = {"name": name, "lifecycle_configured": b % 2 == 0,
                      "versioning_status": "Enabled" if b % 3 == 0 else "Disabled",
                      "default_encryption": "AES256" if b % 4 != 1 else "none"}
        if b % 2 == 0:
            regional.put_bucket_lifecycle_configuration(Bucket=name, LifecycleConfiguration={"Rules": [
                {"ID": "expire", "Status": "Enabled", "Filter": {"Prefix": ""}, "Expiration": {"Days": 30}}]})
        if b % 3 == 0:
            regional.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
        if b % 4 != 1:
            regional.put_bucket_encryption(Bucket=name, ServerSideEncryptionConfiguration={"Rules": [
                {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]})
        else:
            # moto applies no default encryption to new buckets unless asked: AWS would say AES256 here.
            try:
                regional.delete_bucket_encryption(Bucket=name)
            except Exception:  # noqa: BLE001 - nothing to delete
                pass
        if b % 2 == 1:
            regional.put_bucket_tagging(Bucket=name, Tagging={"TagSet": tags_of({"Owner": "team-s3"})})
            attributes["tags"] = {"Owner": "team-s3"}
        add(f"arn:aws:s3:::{name}", "s3.bucket", region, attributes)
    return manifest


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("endpoint")
    parser.add_argument("regions")
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--manifest")
    parser.add_argument("--instances", type=int, help="instances per region (default 6 x scale)")
    args = parser.parse_args()
    manifest = seed(args.endpoint, args.regions.split(","), args.scale, args.instances)
    text = json.dumps(manifest, sort_keys=True)
    if args.manifest:
        with open(args.manifest, "w") as out:
            out.write(text)
        print(f"seeded {len(manifest)} resources", file=sys.stderr)
    else:
        print(text)


if __name__ == "__main__":
    main()
