"""The cross-agency recap (``lkjip rekap``): one report across every agency of a year."""
