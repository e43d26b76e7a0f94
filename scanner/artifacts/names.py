"""Which files are model artifacts, by suffix alone: apart from the loader (and its pickle and
model-format readers) so that telling a file's kind imports neither."""

from __future__ import annotations

# Always pickles: a malformed one is reported, not ignored.
PICKLE_SUFFIXES = frozenset({".pkl", ".pickle", ".joblib", ".dill"})
# PyTorch writes zip or protocol-2+ pickles; other files by these names (TensorFlow .ckpt,
# raw .bin weights) are left alone.
TORCH_SUFFIXES = frozenset({".pt", ".pth", ".ckpt", ".bin"})
SUFFIXES = PICKLE_SUFFIXES | TORCH_SUFFIXES | {".npy", ".npz", ".h5", ".hdf5", ".keras"}
