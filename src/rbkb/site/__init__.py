"""Adapters between MkDocs and the model: the plugin that generates pages, and the mkdocs-macros functions."""
