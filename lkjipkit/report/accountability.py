"""Chapter accountability: being written (issue 5)."""
