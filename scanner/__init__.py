"""mlcomply: policy-as-code compliance scanner for ML repositories and their infrastructure."""

__version__ = "0.1.0"
