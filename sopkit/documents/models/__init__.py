"""Pydantic models of the three document kinds and of ``sopkit.yaml``."""

from sopkit.documents.models.checklist import Checklist, Item, Scoring, Section
from sopkit.documents.models.common import Config, Document
from sopkit.documents.models.procedure import Procedure, Step
from sopkit.documents.models.role import Role
from sopkit.documents.models.sites import Site, Sites

KINDS = {"role": Role, "procedure": Procedure, "checklist": Checklist}

__all__ = [
    "KINDS",
    "Checklist",
    "Config",
    "Document",
    "Item",
    "Procedure",
    "Role",
    "Scoring",
    "Section",
    "Site",
    "Sites",
    "Step",
]
