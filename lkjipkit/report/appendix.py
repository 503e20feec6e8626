"""Chapter appendix: being written (issue 5)."""
