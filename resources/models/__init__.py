from resources.models.crisis import CrisisPhrase
from resources.models.curation import ProblemReport, Suggestion, UsedFormToken
from resources.models.details import (
    Contact,
    CostOption,
    Funding,
    OrganizationIdentifier,
    Program,
    RequiredDocument,
)
from resources.models.harvest import HarvestSource
from resources.models.import_jobs import ImportJob
from resources.models.locations import Address, Location
from resources.models.organizations import Organization
from resources.models.phones import Phone
from resources.models.places import Place
from resources.models.provenance import Provenance
from resources.models.review import ProposedChange
from resources.models.schedules import OpeningOccurrence, OpeningSpan, Schedule
from resources.models.search import PendingSearchRefresh, SearchSynonym, SearchWord
from resources.models.services import Language, Service, ServiceArea, ServiceAtLocation
from resources.models.sign_in import FailedSignIn
from resources.models.taxonomy import Taxonomy, TaxonomyTerm

__all__ = [
    "Address",
    "Contact",
    "CostOption",
    "CrisisPhrase",
    "FailedSignIn",
    "Funding",
    "HarvestSource",
    "ImportJob",
    "Language",
    "Location",
    "OpeningOccurrence",
    "OpeningSpan",
    "Organization",
    "OrganizationIdentifier",
    "PendingSearchRefresh",
    "Phone",
    "Place",
    "ProblemReport",
    "Program",
    "ProposedChange",
    "Provenance",
    "RequiredDocument",
    "Schedule",
    "SearchSynonym",
    "SearchWord",
    "Service",
    "ServiceArea",
    "ServiceAtLocation",
    "Suggestion",
    "Taxonomy",
    "TaxonomyTerm",
    "UsedFormToken",
]
