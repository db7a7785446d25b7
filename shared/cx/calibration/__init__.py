"""Agreement between a scorer and human reviewers: labels, consensus, metrics, reports and drift."""
