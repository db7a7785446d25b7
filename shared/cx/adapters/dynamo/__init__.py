"""The DynamoDB adapters (PynamoDB). Their connections share one botocore data loader (botocore_loader)."""

from cx.adapters.dynamo.botocore_loader import share_one_loader

share_one_loader()
