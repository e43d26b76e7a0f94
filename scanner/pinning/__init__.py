"""Mutable data pointers: training data named by a branch, a latest version or no revision."""
