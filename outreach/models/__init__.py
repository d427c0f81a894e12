"""The outreach area's records (report part 一(五)): events and their occasions, online posts, venues,
法律明白人, on-site legal services and 民主法治示范村（社区） titles."""

from outreach.models.events import Event, Occasion, OnlinePost
from outreach.models.network import (
    DemocracyVillage,
    LegalInformant,
    OnsiteService,
    Venue,
    serving_on,
    titles_held_in,
)

__all__ = [
    "DemocracyVillage",
    "Event",
    "LegalInformant",
    "Occasion",
    "OnlinePost",
    "OnsiteService",
    "Venue",
    "serving_on",
    "titles_held_in",
]
