"""The lock files: every package pinned with its hash, covering what each was compiled from (`make lock`)."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from cxlocal.template_tables import load_template

REPO = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text())
LAYER_LOCKS = {
    "shared/requirements.txt": "shared/requirements.in",
    "bot/requirements.txt": "bot/requirements.in",
    "functions/score/requirements.txt": "functions/score/requirements.in",
}
ALL_LOCKS = ["requirements-dev.txt", *LAYER_LOCKS]
PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s;]+)\s*(?:;\s*(?P<marker>.+))?$")
HASH = re.compile(r"^--hash=sha256:[0-9a-f]{64}$")


def locked(path: str) -> dict[str, list[tuple[Version, str | None]]]:
    """name -> [(version, marker)] from a lock file; fails on any line that is not `name==version` + hashes."""
    text = re.sub(r"\\\n", " ", (REPO / path).read_text())
    pins: dict[str, list[tuple[Version, str | None]]] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip() if line.lstrip().startswith("#") else line.strip()
        if not line:
            continue
        spec, *hashes = line.split(" --hash=")
        match = PIN.match(spec.strip())
        assert match, f"{path}: not pinned with ==: {line[:80]}"
        assert hashes, f"{path}: {match['name']} has no hash"
        assert all(HASH.match(f"--hash={h.strip()}") for h in hashes), f"{path}: {match['name']} has a bad hash"
        pins.setdefault(canonicalize_name(match["name"]), []).append((Version(match["version"]), match["marker"]))
    return pins


def sources(path: str) -> list[Requirement]:
    lines = (REPO / path).read_text().splitlines()
    return [Requirement(line.split("#", 1)[0]) for line in lines if line.split("#", 1)[0].strip()]


def dev_sources() -> list[Requirement]:
    project = PYPROJECT["project"]
    return [Requirement(r) for r in (*project["dependencies"], *project["optional-dependencies"]["dev"])]


def boto_stack() -> set[str]:
    match = re.search(r"^BOTO_STACK := (.+)$", (REPO / "Makefile").read_text(), re.MULTILINE)
    assert match, "the Makefile names the boto stack the shared layer leaves out"
    return {canonicalize_name(name) for name in match.group(1).split()}


@pytest.mark.parametrize("lock", ALL_LOCKS)
def test_every_package_is_pinned_with_a_hash(lock: str) -> None:
    pins = locked(lock)
    assert len(pins) >= 3


@pytest.mark.parametrize(
    ("lock", "requirements"),
    [("requirements-dev.txt", dev_sources()), *((lock, sources(src)) for lock, src in LAYER_LOCKS.items())],
    ids=ALL_LOCKS,
)
def test_each_lock_covers_the_requirements_it_was_compiled_from(lock: str, requirements: list[Requirement]) -> None:
    pins = locked(lock)
    for requirement in requirements:
        versions = [version for version, _ in pins.get(canonicalize_name(requirement.name), [])]
        assert versions, f"{lock} does not pin {requirement.name}: run `make lock`"
        assert all(requirement.specifier.contains(v, prereleases=True) for v in versions), (
            f"{lock} pins {requirement.name} {versions}, outside {requirement.specifier}: run `make lock`"
        )


def test_the_layers_requirements_are_the_projects() -> None:
    """The layers and the score function install nothing that pyproject.toml (and so the tests) does not."""
    project = {canonicalize_name(Requirement(r).name) for r in PYPROJECT["project"]["dependencies"]}
    for source in LAYER_LOCKS.values():
        assert {canonicalize_name(r.name) for r in sources(source)} <= project, source


def test_the_dev_lock_holds_every_dependency_of_what_it_installs() -> None:
    """Closed under dependencies (read from the installed packages' metadata), as --require-hashes needs."""
    pins = locked("requirements-dev.txt")
    extras: dict[str, set[str]] = {canonicalize_name(r.name): r.extras for r in dev_sources()}
    env: dict[str, str] = {key: str(value) for key, value in default_environment().items()}
    for name in pins:
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:  # for another platform or Python only (marker)
            continue
        for line in requires:
            requirement = Requirement(line)
            wanted = extras.get(name) or {""}
            if requirement.marker is not None and not any(
                requirement.marker.evaluate({**env, "extra": extra}) for extra in wanted
            ):
                continue
            assert canonicalize_name(requirement.name) in pins, f"{name} needs {requirement.name}, not in the lock"


def test_the_shared_layer_leaves_the_boto_stack_to_the_runtime() -> None:
    """PynamoDB pulls in botocore (about 25 MB), which the Lambda runtime has; the layer installs with --no-deps."""
    pins = locked("shared/requirements.txt")
    assert canonicalize_name("pynamodb") in pins
    assert {"botocore", "boto3"} <= boto_stack()
    assert not boto_stack() & set(pins)
    for lock in ("bot/requirements.txt", "functions/score/requirements.txt"):
        assert {"botocore", "boto3"}.isdisjoint(locked(lock)), lock


@pytest.mark.parametrize(("layer", "folder"), [("SharedLayer", "shared"), ("BotLayer", "bot")])
def test_each_layer_installs_its_lock_with_the_hashes_checked(layer: str, folder: str) -> None:
    resource = load_template()["Resources"][layer]
    assert resource["Properties"]["ContentUri"] == f"{folder}/"
    assert resource["Metadata"]["BuildMethod"] == "makefile"
    build = (REPO / folder / "Makefile").read_text()
    assert f"\nbuild-{layer}:\n" in build
    assert "--require-hashes --no-deps" in build  # the lock holds every dependency the layer needs
    assert '-r "$(HERE)requirements.txt"' in build


def test_installs_check_the_hashes() -> None:
    makefile = (REPO / "Makefile").read_text()
    assert "pip install --quiet --require-hashes -r requirements-dev.txt" in makefile
    assert "pip install --quiet --no-deps -e ." in makefile
    assert "-e '.[dev]'" not in makefile
