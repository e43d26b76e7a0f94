"""PROV completeness, Level 2 (provenance-notes §3, recommended): reported at lower severity."""

from __future__ import annotations

from scanner.provenance import completeness as c
from scanner.provenance.rulebase import CompletenessRule

_REF = ("https://www.w3.org/TR/prov-o/",)


class WeakTrainingDigest(CompletenessRule):
    id = "MLC-PROV-DATA-002"
    title = "Provenance: training data identified only by a weak digest (md5, sha1)"
    severity = "low"
    category = "provenance"
    nist_ai_rmf = ("MAP 4.1", "MEASURE 2.7")
    description = (
        "A training dataset's only digest is md5 or sha1 (DVC records md5). It identifies the data "
        "(C4 passes) but does not protect it against deliberate substitution."
    )
    remediation = 'Record a sha256 (or stronger) digest beside the md5, e.g. `mlp:digest "sha256:<hex>"`.'
    references = _REF
    level = 2
    check_id = "C4"
    gaps = staticmethod(c.weak_training_digests)


class Hyperparameters(CompletenessRule):
    id = "MLC-PROV-PARAMS-001"
    title = "Provenance: training run used no hyperparameter entity (C8)"
    severity = "low"
    category = "provenance"
    nist_ai_rmf = ("MAP 2.3",)
    description = "The training run records no hyperparameter or configuration entity (params file digest or values)."
    remediation = "Add a `used` relation with `prov:role mlp:hyperparameters` to the params file entity and its digest."
    references = _REF
    level = 2
    check_id = "C8"
    gaps = staticmethod(c.c8_hyperparameters)


class Attribution(CompletenessRule):
    id = "MLC-PROV-ATTRIB-001"
    title = "Provenance: model not attributed to an agent (C9)"
    severity = "low"
    category = "provenance"
    nist_ai_rmf = ("MEASURE 2.8",)
    description = (
        "The model entity has no wasAttributedTo; who answers for it is at best inferable from the "
        "training run's association."
    )
    remediation = "Add `wasAttributedTo` from the model entity to the responsible organisation or person."
    references = _REF
    level = 2
    check_id = "C9"
    gaps = staticmethod(c.c9_attribution)


class Derivation(CompletenessRule):
    id = "MLC-PROV-DERIV-001"
    title = "Provenance: model not derived from its training data (C10)"
    severity = "low"
    category = "provenance"
    nist_ai_rmf = ("MAP 4.1",)
    description = (
        "The model is not wasDerivedFrom each training dataset, so lineage queries must walk through "
        "activities instead of following entity-to-entity derivations."
    )
    remediation = "Add `wasDerivedFrom` (with `prov:activity` the run) from the model to each training dataset."
    references = _REF
    level = 2
    check_id = "C10"
    gaps = staticmethod(c.c10_derivation)


class BaseModel(CompletenessRule):
    id = "MLC-PROV-BASE-001"
    title = "Provenance: base model without immutable revision, license or derivation (C11)"
    severity = "low"
    category = "provenance"
    nist_ai_rmf = ("MAP 4.1", "GOVERN 6.1", "MANAGE 3.2")
    description = (
        "The run fine-tuned a base model that has neither a strong digest nor an immutable revision, "
        "no license, or from which the model is not recorded as derived: third-party model risk."
    )
    remediation = (
        "Give the base model entity `mlp:revision` (the 40-hex Hub commit) or a sha256 digest, "
        "`mlp:license`, and add `wasDerivedFrom` from the model to it."
    )
    references = _REF
    level = 2
    check_id = "C11"
    gaps = staticmethod(c.c11_base_model)


RULES = [WeakTrainingDigest, Hyperparameters, Attribution, Derivation, BaseModel]
