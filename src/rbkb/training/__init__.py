"""Training: drills per runbook family, a quiz generated from the runbook model, and practice labs.

Drills live in data/training/drills/*.yaml and labs in training/labs/<name>/ (an index `scenario.yaml` plus the
manifests to apply). Both refer to runbooks, causes and checks by id; nothing shown here is typed twice.
"""
