"""The product's own signed webhook (X-Signature) and text helpers shared with the help-desk mappers."""
