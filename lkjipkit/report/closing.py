"""Chapter closing: being written (issue 5)."""
