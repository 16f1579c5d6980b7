"""The organisations table for other domains' SQL (joins, filters, fan-out): read only; every
change to an organisation goes through `orgs.service`."""

from sammen.orgs.models import Organisation as Organisation
from sammen.orgs.models import OrganisationKind as OrganisationKind
