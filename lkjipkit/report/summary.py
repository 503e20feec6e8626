"""Chapter summary: being written (issue 5)."""
