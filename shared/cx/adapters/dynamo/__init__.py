"""DynamoDB adapters (PynamoDB). Their connections share one botocore data loader (see ``botocore_data``)."""

from cx.adapters.dynamo.botocore_data import share_botocore_data

share_botocore_data()
