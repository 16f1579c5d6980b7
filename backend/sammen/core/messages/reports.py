"""Texts of the yearly effect status reports."""

from __future__ import annotations

from sammen.core.messages import M

GLOSSARY: dict[str, str] = {
    # report states and what is done to them
    "in_review": "i høring",
    "presented": "fremlagt",
    "frozen": "låst",
    "sent for review": "sendt i høring",
}

MESSAGES = [
    M("reports.not_found", "No report {id}.", "Rapporten {id} findes ikke."),
    M(
        "reports.edition_not_found",
        "No {edition} edition of report {id}.",
        "Rapporten {id} har ingen {edition:term} udgave.",
    ),
    M(
        "reports.snapshot_not_found",
        "Report {id} has no {edition} snapshot.",
        "Rapporten {id} har intet øjebliksbillede af den {edition:term} udgave.",
    ),
    M(
        "reports.section_not_found",
        "Report {id} has no section {key}.",
        "Rapporten {id} har intet afsnit {key}.",
    ),
    M(
        "reports.sign_in_unfrozen",
        "Sign in to read a report before it is frozen.",
        "Log ind for at læse en rapport, før den er låst.",
    ),
    M(
        "reports.sign_in_partners",
        "Sign in to read the partners' edition; the public edition is open once frozen.",
        "Log ind for at læse partnernes udgave; den offentlige udgave er åben, når rapporten er låst.",
    ),
    M(
        "reports.writers_only",
        "Only admins and editors of the secretariat write the status report.",
        "Kun administratorer og sekretariatets redaktører skriver statusrapporten.",
    ),
    M(
        "reports.presented_as_is",
        "{title} is {state}: it was presented at a meeting as it stands. Reopen it for review to change it.",
        "{title} er {state:term}: den blev fremlagt på et møde, som den står. Send den i høring igen for at ændre den.",
    ),
    M(
        "reports.wrong_state",
        "Only a report that is {wanted} can be {doing}; {title} is {state}.",
        "Kun en rapport, der er {wanted:term}, kan blive {doing:term}; {title} er {state:term}.",
    ),
    M(
        "reports.nothing_to_reopen",
        "{title} is a draft; there is nothing to reopen.",
        "{title} er en kladde; der er intet at genåbne.",
    ),
    M(
        "reports.not_frozen_yet",
        "{title} is not frozen yet; it shows today's figures as of its cut-off.",
        "{title} er ikke låst endnu; den viser dagens tal pr. skæringsdatoen.",
    ),
    M(
        "reports.year_taken",
        "There is already a status report for {year} (report {id}, {state}).",
        "Der findes allerede en statusrapport for {year} (rapport {id}, {state:term}).",
    ),
    M(
        "reports.only_draft_deleted",
        "{title} is {state}; only a draft is deleted.",
        "{title} er {state:term}; kun en kladde kan slettes.",
    ),
    M(
        "reports.from_frozen",
        "a new draft starts from a frozen report",
        "en ny kladde tager udgangspunkt i en låst rapport",
    ),
    M(
        "reports.commenters_only",
        "Editors of the partner organisations comment on the report.",
        "Partnerorganisationernes redaktører kommenterer rapporten.",
    ),
    M(
        "reports.comments_in_review",
        "Comments are written while the report is in review; it is {state}.",
        "Kommentarer skrives, mens rapporten er i høring; den er {state:term}.",
    ),
    M(
        "reports.item_not_partnership",
        "agenda item {item} is on a meeting of {body}, not of the partnership",
        "dagsordenspunkt {item} hører til et møde i {body}, ikke i partnerskabet",
    ),
    M("reports.meeting_cancelled", "meeting {id} is cancelled", "mødet {id} er aflyst"),
    M(
        "reports.decision_other_meeting",
        "decision {id} was made at meeting {meeting}; the report was presented at meeting {presented}",
        "beslutning {id} blev truffet på møde {meeting}; rapporten blev fremlagt på møde {presented}",
    ),
    M(
        "reports.decision_corrected",
        "decision {id} was corrected by decision {by}",
        "beslutning {id} er rettet ved beslutning {by}",
    ),
]
