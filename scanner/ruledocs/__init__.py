"""A rule explained: `mlcomply rules ID` and the generated pages under docs/rules/, both made from
the rule's metadata and its good/bad examples (the `<rule>.yaml` beside it), never written twice."""
