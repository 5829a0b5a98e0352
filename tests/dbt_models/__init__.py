"""The dbt project's own tests: its models built by dbt on fixture warehouses, its YAML against its SQL."""
