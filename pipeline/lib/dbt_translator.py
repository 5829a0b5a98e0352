"""Keys dbt models by their name alone and groups them by their layer folder (staging, intermediate, marts)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings

SEEDS_GROUP = "dbt_seeds"


class LayerGroupTranslator(DagsterDbtTranslator):
    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        # The default prefixes the custom schema (main/, staging/); a model's name is already unique.
        # Sources keep the default key, disclosures/<table>, which the Python load assets carry.
        if dbt_resource_props.get("resource_type") == "source":
            return super().get_asset_key(dbt_resource_props)
        return dg.AssetKey(dbt_resource_props["name"])

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        fqn = dbt_resource_props.get("fqn", [])
        # fqn is [project, folder, ..., name]; seeds and sources sit at the top and keep dbt's default.
        return fqn[1] if dbt_resource_props.get("resource_type") == "model" and len(fqn) > 2 else SEEDS_GROUP


translator = LayerGroupTranslator(
    settings=DagsterDbtTranslatorSettings(enable_asset_checks=True, enable_source_tests_as_checks=True)
)
