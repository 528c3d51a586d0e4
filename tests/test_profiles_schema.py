"""The JSON Schema editors use for profiles is current, and it accepts what the loader accepts."""

import json
import subprocess
import sys

import jsonschema
import pytest
import yaml

from job_profiles.profile import BUNDLED_PROFILES_DIR, bundled_profiles, profile_json_schema

COMMITTED = BUNDLED_PROFILES_DIR / "profile.schema.json"


def test_committed_schema_is_current():
    committed = json.loads(COMMITTED.read_text(encoding="utf-8"))
    assert committed == profile_json_schema(), (
        "job_profiles/profile.schema.json is stale: run `screener profiles schema > job_profiles/profile.schema.json`"
    )


def test_cli_prints_the_schema():
    done = subprocess.run([sys.executable, "-m", "screener.cli", "profiles", "schema"], capture_output=True, check=False,
                          text=True, encoding="utf-8", timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == profile_json_schema()


@pytest.mark.parametrize("pid", sorted(bundled_profiles()))
def test_bundled_profiles_validate_against_the_schema(pid):
    data = yaml.safe_load(bundled_profiles()[pid].read_text(encoding="utf-8"))
    jsonschema.validate(data, profile_json_schema())


def test_schema_rejects_what_the_loader_rejects():
    data = yaml.safe_load(bundled_profiles()["loan_account_manager"].read_text(encoding="utf-8"))
    data["requirements"][0]["kind"] = "skills"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, profile_json_schema())
    data = yaml.safe_load(bundled_profiles()["loan_account_manager"].read_text(encoding="utf-8"))
    data["language"] = "fr"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, profile_json_schema())


def test_schema_documents_every_requirement_kind():
    schema = profile_json_schema()
    kinds = {d["properties"]["kind"]["const"] for d in schema["$defs"].values() if "kind" in d.get("properties", {})}
    assert kinds == {"education", "experience", "industry_experience", "skill", "certificate", "soft_skill",
                     "language", "location", "personal_attribute"}


def test_profile_subcommands_have_help_with_an_example():
    from screener.cli import build_parser

    commands = build_parser()._subparsers._group_actions[0].choices
    profile_commands = commands["profiles"]._subparsers._group_actions[0].choices
    for name in ("schema", "lint", "from-jd"):
        assert "Example: screener profiles" in profile_commands[name].description, name
