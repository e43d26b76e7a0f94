"""Secret detection: token formats, generic credentials, filters, redaction, history."""
