"""The XLSX annex: every figure in the report, one sheet per goal, plus an overview sheet.

Numbers are numbers (with a Danish display format), withheld values are empty cells marked
"skjult" (never 0), and every cell goes through the exports' safe writer (core.export_cells), so
text that starts with "=" stays inert text.
"""

from __future__ import annotations

from sammen.core.export_cells import XlsxBook
from sammen.reports.content import ReportContent

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FIGURE_HEADER = ("indikator", "navn", "område", "periode", "værdi", "enhed", "skjult", "mangler")
STATUS_HEADER = (
    "indikator",
    "navn",
    "periode",
    "værdi",
    "udgangspunkt",
    "udgangspunkt_periode",
    "mål",
    "mål_periode",
    "afstand_til_mål",
    "udvikling",
    "udvikling_perioder",
    "placering",
    "status",
    "forklaring",
)


def _number_format(decimals: int) -> str:
    return "#,##0." + "0" * decimals if decimals else "#,##0"


def _sheet_title(text: str) -> str:
    bad = set("[]:*?/\\")
    return "".join("-" if ch in bad else ch for ch in text)[:31]


def to_xlsx(content: ReportContent, *, content_hash: str | None) -> bytes:
    book = XlsxBook()
    about = book.add_sheet("Om rapporten")
    for label, value in (
        ("Rapport", content.report.title),
        ("Aftale", content.agreement.title),
        ("Område", content.area_name),
        ("Tal godkendt til og med", content.as_of.isoformat()),
        ("Udgave", content.report.edition.value),
        ("Status", content.report.state.value),
        ("SHA-256", content_hash or "ikke frosset"),
    ):
        about.append([label, value])
    for goal in content.goals:
        sheet = book.add_sheet(_sheet_title(f"Mål {goal.code}"))
        sheet.append([f"Mål {goal.code}: {goal.title}"])
        sheet.append(["Status", goal.rollup.status, goal.rollup.explanation])
        sheet.append([])
        sheet.append(STATUS_HEADER)
        for ind in goal.indicators:
            st = ind.status
            sheet.append(
                [
                    ind.code,
                    ind.name,
                    st.period,
                    st.value,
                    st.baseline,
                    st.baseline_period,
                    st.target,
                    st.target_period,
                    st.gap_to_target,
                    st.trend_change,
                    ", ".join(st.trend_periods),
                    st.position,
                    st.status,
                    st.explanation,
                ],
                _number_format(ind.decimals),
            )
        sheet.append([])
        sheet.append(FIGURE_HEADER)
        for ind in goal.indicators:
            for series in ind.series:
                for p in series.points:
                    sheet.append(
                        [
                            ind.code,
                            ind.name,
                            series.area,
                            p.period,
                            p.value,
                            ind.unit,
                            "skjult" if p.withheld else None,
                            p.missing_reason,
                        ],
                        _number_format(ind.decimals),
                    )
    return book.to_bytes()
