"""The core: configuration, items, pipeline, policy, reporting, scheduler and CLI."""
