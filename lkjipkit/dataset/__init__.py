"""Loading and validating datasets."""

from .assemble import fingerprint
from .loader import load_dataset
from .model import Dataset
from .spec import TABLE_BY_NAME, TABLES

__all__ = ["TABLES", "TABLE_BY_NAME", "Dataset", "fingerprint", "load_dataset"]
