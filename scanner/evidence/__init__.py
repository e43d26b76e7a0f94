"""Evidence records (`.mlcomply-evidence.yaml`): human attestations for the AI RMF subcategories a
static scan cannot see, shown in the NIST report as "attested" (never "pass")."""
