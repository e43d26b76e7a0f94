"""MITRE ATLAS: the shipped technique list, its regeneration, and rule → technique mappings."""
