from resources.models.curation import ProblemReport, Suggestion
from resources.models.locations import Location
from resources.models.organizations import Organization
from resources.models.phones import Phone
from resources.models.schedules import Schedule
from resources.models.services import Language, Service, ServiceArea, ServiceAtLocation
from resources.models.taxonomy import Taxonomy, TaxonomyTerm

__all__ = [
    "Language",
    "Location",
    "Organization",
    "Phone",
    "ProblemReport",
    "Schedule",
    "Service",
    "ServiceArea",
    "ServiceAtLocation",
    "Suggestion",
    "Taxonomy",
    "TaxonomyTerm",
]
