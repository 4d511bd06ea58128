"""What connectors, detectors, storage and the pipeline share: the item model, an account, the configuration error.

Nothing here imports from the other packages, so imports run one way: the CLI, pipeline and workers use
connectors, detectors and storage, and those use only this package.
"""
