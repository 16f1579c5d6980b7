"""What other domains use of reports besides `reports.service`: the reports table (the change
feed resolves a report event), and the lifecycle steps the demo seed walks a report through."""

from sammen.reports.access import Access as Access
from sammen.reports.lifecycle import freeze as freeze
from sammen.reports.lifecycle import present as present
from sammen.reports.lifecycle import submit as submit
from sammen.reports.models import ReportSection as ReportSection
from sammen.reports.models import StatusReport as StatusReport
