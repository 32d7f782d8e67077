"""Development tooling: the synthetic sample-scan generator and the accuracy harness (not installed)."""
