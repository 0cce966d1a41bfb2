"""Troubleshooting knowledge base with executable runbooks for Argo CD, Argo Rollouts and Kubernetes."""

__version__ = "0.1.0"
