"""Running commands against the current cluster: processes, the runbook executor, the incident log."""
