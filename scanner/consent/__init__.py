"""Dataset declarations (Hugging Face dataset cards, datasheets, Data Contract Specification
files): whether a dataset holds personal data, and whether its legal basis and purpose are
declared."""
