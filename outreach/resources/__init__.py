"""Import/export layouts of the outreach ledgers (../shared/reference/ledgers.md)."""

from outreach.resources.events import EventResource, OccasionResource, OnlinePostResource
from outreach.resources.network import (
    DemocracyVillageResource,
    LegalInformantResource,
    OnsiteServiceResource,
    VenueResource,
)

__all__ = [
    "DemocracyVillageResource",
    "EventResource",
    "LegalInformantResource",
    "OccasionResource",
    "OnlinePostResource",
    "OnsiteServiceResource",
    "VenueResource",
]
