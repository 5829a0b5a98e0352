"""These tests import the Dagster definitions, which load the dbt manifest: prepared before they are collected."""

from tests.manifest import prepare_manifest_once

prepare_manifest_once()
