"""The data layer: curated files, the built store and its read-only query API. No UI imports."""
