"""The order `make test` hands modules to its pytest-xdist workers."""

# The modules that take longest (`pytest --durations=0`, summed per module), slowest first. `make test` runs
# them first (pytest-xdist `--dist loadfile --no-loadscope-reorder`): a worker takes a whole module at a time,
# and xdist's own order (most tests first) left these few-test modules for the end, one worker running them
# alone for minutes while the other had nothing left. The rest keep their order after them.
SLOWEST_FIRST = (
    "tests/integration/test_workspaces.py",
    "tests/integration/test_by_day_migration.py",
    "tests/e2e/test_cli.py",
    "tests/e2e/test_scorer_versions_cli.py",
    "tests/integration/test_pipeline_dynamodb.py",
    "tests/integration/test_fault_injection.py",
    "tests/integration/test_fold_lanes.py",
    "tests/integration/test_slack_why.py",
    "tests/integration/test_workspace_helpdesks.py",
    "tests/integration/test_handle_by_channel.py",
    "tests/integration/test_workspace_config.py",
    "tests/unit/demo/test_why_truth.py",
    "tests/integration/test_drift_function.py",
    "tests/integration/test_digest.py",
    "tests/integration/test_retention_purge.py",
    "tests/e2e/test_cli_hostile_data.py",
    "tests/integration/test_keyed_reads.py",
    "tests/integration/test_slack_escaping.py",
    "tests/e2e/test_calibrate_cli.py",
)
