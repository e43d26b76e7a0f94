"""Personal data used for training without a declared legal basis and purpose (GDPR Art. 5(1)(b),
Art. 6): read from dataset cards, datasheets and data contracts; what counts as a declaration,
and as a training use, is in scanner/consent/declared.py."""

from __future__ import annotations

from collections.abc import Iterable

from scanner.consent import declared
from scanner.context import ScanContext
from scanner.documents import Document
from scanner.findings import Hit
from scanner.pyrules import PythonRule


class PersonalDataWithoutLegalBasis(PythonRule):
    id = "MLC-CONSENT-001"
    atlas_none = (
        "a declared legal basis and purpose is privacy governance evidence; it prevents or detects no ATLAS technique"
    )
    title = "Personal data without a declared legal basis and purpose"
    severity = "medium"
    category = "privacy"
    nist_ai_rmf = ("MEASURE 2.10", "MAP 1.6", "GOVERN 1.1")
    description = (
        "A dataset card, datasheet or data contract describes a dataset that holds personal data "
        "(its 'Personal and Sensitive Information' section, a `pii: true` field, a personal-data "
        "tag, or personal-data columns in the data files beside it), but declares no legal basis "
        "(consent, contract, legitimate interest...) or no purpose for processing it. Nobody can "
        "then show that a model was trained only on data it was allowed to use. Medium when the "
        "scan shows the dataset used for training (a model card's `datasets:`, a DVC stage "
        "depending on its files, an MLflow run that logged it as an input, a provenance record "
        "whose training activity used it); low when no such link is in the repository."
    )
    remediation = (
        "State the legal basis and the purpose in the declaration: in a dataset card's "
        "'Personal and Sensitive Information' section (e.g. 'Collected with explicit consent "
        "(GDPR Art. 6(1)(a)) for the purpose of credit-risk modelling; withdrawal handled by "
        "...'); in a data contract under `terms` (e.g. `terms.usage` for the purpose and a "
        "`legalBasis`/`x-legal-basis` entry). Link the consent records or the DPIA."
    )
    input_kinds = ("datacard", "datacontract")
    references = (
        "https://gdpr-info.eu/art-6-gdpr/",
        "https://gdpr-info.eu/art-5-gdpr/",
        "https://huggingface.co/docs/hub/datasets-cards",
        "https://datacontract.com/",
    )

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        for decl in declared.declarations(ctx):
            if decl.doc is not doc or decl.personal is None or (decl.legal_basis and decl.purpose):
                continue
            missing = " and no ".join(
                w for w, ok in (("legal basis", decl.legal_basis), ("purpose", decl.purpose)) if not ok
            )
            use = declared.training_use(decl, ctx)
            message = f"dataset {decl.name[:80]!r} holds personal data ({decl.personal}) but declares no {missing}"
            extra = {"severity": "low", "severity_reason": "no training use of it found in this repository"}
            yield Hit(
                f"{message}; used for training: {use}" if use else message,
                pointer=decl.personal_pointer,
                line=decl.personal_line if decl.personal_pointer is None else None,
                key=f"consent:{decl.name[:80]}",
                **({} if use else extra),  # type: ignore[arg-type]
            )


RULES = [PersonalDataWithoutLegalBasis]
