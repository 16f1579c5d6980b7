"""The public site's two languages: its addresses and the words on its pages.

Every page exists in Danish under /offentlig/ and in English under /en/public/; `PAGES` names
each page type once with its path in both, so a page always knows its counterpart. Content
(goal titles, initiatives, stories, decisions) is written in Danish; English pages mark it
`lang="da"` so screen readers pronounce it right.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Lang = Literal["da", "en"]
LANGS: tuple[Lang, ...] = ("da", "en")
PREFIX: dict[Lang, str] = {"da": "/offentlig", "en": "/en/public"}

# page type -> (Danish path, English path), below the language's prefix
PAGES: dict[str, tuple[str, str]] = {
    "front": ("/", "/"),
    "goal": ("/maal/{code}", "/goals/{code}"),
    "initiatives": ("/indsatser", "/initiatives"),
    "initiative": ("/indsatser/{id}", "/initiatives/{id}"),
    "stories": ("/gode-historier", "/good-stories"),
    "story": ("/gode-historier/{id}", "/good-stories/{id}"),
    "decisions": ("/beslutninger", "/decisions"),
    "minutes_list": ("/referater", "/minutes"),
    "minutes": ("/referater/{id}", "/minutes/{id}"),
    "about": ("/om-aftalen", "/about"),
    "reports": ("/statusrapporter", "/status-reports"),
    "accessibility": ("/tilgaengelighed", "/accessibility"),
    "privacy": ("/privatliv", "/privacy"),
    "stories_feed": ("/gode-historier.atom", "/good-stories.atom"),
    "decisions_feed": ("/beslutninger.atom", "/decisions.atom"),
}


def path_of(lang: Lang, page: str, **params: object) -> str:
    """The site-relative address of a page, e.g. path_of("da", "goal", code="2") -> /offentlig/maal/2."""
    template = PAGES[page][0 if lang == "da" else 1]
    return PREFIX[lang] + template.format(**params)


@dataclass(frozen=True)
class Words:
    """Labels, headings and fixed sentences of one language."""

    lang: Lang
    words: dict[str, str]

    def __getattr__(self, key: str) -> str:
        try:
            return self.words[key]
        except KeyError:
            raise AttributeError(key) from None


_DA = {
    "skip": "Gå til indhold",
    "site_kind": "Offentlig side om aftalen",
    "nav_label": "Hovedmenu",
    "front": "Forside",
    "initiatives": "Indsatser",
    "stories": "Gode historier",
    "decisions": "Beslutninger",
    "minutes": "Referater",
    "about": "Om aftalen",
    "accessibility": "Tilgængelighedserklæring",
    "privacy": "Privatliv og cookies",
    "other_lang": "English",
    "other_lang_label": "Read this page in English",
    "partners_login": "Log ind for partnere",
    "feeds": "Nyhedsfeeds",
    "stories_feed": "Gode historier (Atom)",
    "decisions_feed": "Beslutninger (Atom)",
    "vision": "Visionen",
    "future_pictures": "Fremtidsbilleder",
    "goals": "De fire målsætninger",
    "goal": "Målsætning",
    "status": "Status",
    "current_phase": "Hvor er vi nu",
    "phase": "Fase",
    "latest_stories": "Seneste gode historier",
    "all_stories": "Alle gode historier",
    "next_meetings": "Næste offentlige møder",
    "no_meetings": "Der er ingen offentlige møder i kalenderen lige nu.",
    "no_stories": "Der er ingen gode historier endnu.",
    "read_goal": "Læs om målet",
    "sub_objectives": "Det betyder, at vi",
    "indicators": "Sådan følger vi målet",
    "no_indicators": "Der er endnu ingen offentlige tal for dette mål.",
    "period": "Periode",
    "area": "Område",
    "source": "Kilde",
    "unit": "Enhed",
    "withheld": "skjult (under {n})",
    "withheld_note": "Tal bygget på færre end {n} personer vises ikke, så ingen kan genkendes.",
    "no_value": "intet tal",
    "chart_alt": "Linjediagram over {name}. De samme tal står i tabellen under diagrammet.",
    "table_caption": "{name}: tal pr. periode og område",
    "latest": "Seneste tal",
    "comparison_areas": "Sammenlignet med",
    "initiatives_on_goal": "Indsatser, der arbejder for målet",
    "no_initiatives": "Der er ingen offentlige indsatser at vise.",
    "latest_progress": "Seneste status",
    "no_progress": "Ingen status endnu",
    "filter": "Vis indsatser",
    "filter_goal": "Mål",
    "filter_org": "Organisation",
    "all": "Alle",
    "show": "Vis",
    "lead": "Ansvarlig",
    "partners": "Samarbejdspartnere",
    "serves_goals": "Arbejder for",
    "progress": "Sådan går det",
    "count_initiatives": "{n} indsatser",
    "previous": "Forrige side",
    "next": "Næste side",
    "pages": "Sider",
    "story_from": "Fra indsatsen",
    "published": "Offentliggjort",
    "decided_on": "Besluttet",
    "body": "Organ",
    "no_decisions": "Der er ingen offentlige beslutninger endnu.",
    "minutes_intro": "Godkendte referater fra offentlige møder. Punkter, der ikke er offentlige, er udeladt.",
    "no_minutes": "Der er ingen godkendte offentlige referater endnu.",
    "meeting": "Møde",
    "agenda_item": "Punkt",
    "approved": "Godkendt",
    "parties": "Parterne",
    "phases": "Faserne",
    "governance": "Organiseringen",
    "rules_of_play": "Spilleregler",
    "reports": "Årlige statusrapporter",
    "no_reports": "Der er ikke offentliggjort nogen årlig statusrapport her endnu.",
    "reports_intro": (
        "Hvert år gør partnerskabet status over, hvordan det går med målene. Her er de statusrapporter, "
        "partnerskabet har godkendt, i den offentlige udgave: kun offentlige tal, og tal for små grupper "
        "er skjult."
    ),
    "report_approved": "Godkendt af partnerskabet",
    "report_pdf": "Hent {title} som PDF",
    "report_html": "Læs {title} som webside",
    "latest_report": "Seneste statusrapport",
    "all_reports": "Alle årlige statusrapporter",
    "not_found": "Siden findes ikke",
    "not_found_text": "Vi kan ikke finde den side. Den kan være flyttet, eller den er ikke offentlig.",
    "to_front": "Gå til forsiden",
    "story": "God historie",
    "initiative": "Indsats",
    "indicator_counts": "Offentlige indikatorer",
    "goal_status": "Sådan går det med målet",
    "read_more": "Læs hele historien",
    "goal_label": "Målsætning {code}",
    "period_span": "Periode",
    "the_agreement": "Aftalen",
    "runs": "Aftalen løber",
}

_EN = {
    "skip": "Skip to content",
    "site_kind": "Public pages about the agreement",
    "nav_label": "Main menu",
    "front": "Home",
    "initiatives": "Initiatives",
    "stories": "Good stories",
    "decisions": "Decisions",
    "minutes": "Minutes",
    "about": "About the agreement",
    "accessibility": "Accessibility statement",
    "privacy": "Privacy and cookies",
    "other_lang": "Dansk",
    "other_lang_label": "Læs siden på dansk",
    "partners_login": "Sign in for partners",
    "feeds": "News feeds",
    "stories_feed": "Good stories (Atom)",
    "decisions_feed": "Decisions (Atom)",
    "vision": "The vision",
    "future_pictures": "Pictures of the future",
    "goals": "The four goals",
    "goal": "Goal",
    "status": "Status",
    "current_phase": "Where we are now",
    "phase": "Phase",
    "latest_stories": "Latest good stories",
    "all_stories": "All good stories",
    "next_meetings": "Next public meetings",
    "no_meetings": "There are no public meetings in the calendar right now.",
    "no_stories": "There are no good stories yet.",
    "read_goal": "Read about the goal",
    "sub_objectives": "This means that we",
    "indicators": "How we follow the goal",
    "no_indicators": "There are no public figures for this goal yet.",
    "period": "Period",
    "area": "Area",
    "source": "Source",
    "unit": "Unit",
    "withheld": "hidden (under {n})",
    "withheld_note": "Figures based on fewer than {n} people are not shown, so that no one can be recognised.",
    "no_value": "no figure",
    "chart_alt": "Line chart of {name}. The same figures are in the table below the chart.",
    "table_caption": "{name}: figures by period and area",
    "latest": "Latest figure",
    "comparison_areas": "Compared with",
    "initiatives_on_goal": "Initiatives working on the goal",
    "no_initiatives": "There are no public initiatives to show.",
    "latest_progress": "Latest status",
    "no_progress": "No status yet",
    "filter": "Show initiatives",
    "filter_goal": "Goal",
    "filter_org": "Organisation",
    "all": "All",
    "show": "Show",
    "lead": "Lead",
    "partners": "Partners",
    "serves_goals": "Works on",
    "progress": "How it is going",
    "count_initiatives": "{n} initiatives",
    "previous": "Previous page",
    "next": "Next page",
    "pages": "Pages",
    "story_from": "From the initiative",
    "published": "Published",
    "decided_on": "Decided",
    "body": "Body",
    "no_decisions": "There are no public decisions yet.",
    "minutes_intro": "Approved minutes of public meetings. Items that are not public are left out.",
    "no_minutes": "There are no approved public minutes yet.",
    "meeting": "Meeting",
    "agenda_item": "Item",
    "approved": "Approved",
    "parties": "The parties",
    "phases": "The phases",
    "governance": "How the partnership is organised",
    "rules_of_play": "Rules of play",
    "reports": "Annual status reports",
    "no_reports": "No annual status report has been published here yet.",
    "reports_intro": (
        "Every year the partnership takes stock of how the goals are going. These are the status reports "
        "the partnership has approved, in their public edition: public figures only, with figures for "
        "small groups hidden. The reports are in Danish."
    ),
    "report_approved": "Approved by the partnership",
    "report_pdf": "Download {title} as PDF (in Danish)",
    "report_html": "Read {title} as a web page (in Danish)",
    "latest_report": "Latest status report",
    "all_reports": "All annual status reports",
    "not_found": "Page not found",
    "not_found_text": "We cannot find that page. It may have moved, or it is not public.",
    "to_front": "Go to the home page",
    "story": "Good story",
    "initiative": "Initiative",
    "indicator_counts": "Public indicators",
    "goal_status": "How the goal is going",
    "read_more": "Read the whole story",
    "goal_label": "Goal {code}",
    "period_span": "Period",
    "the_agreement": "The agreement",
    "runs": "The agreement runs",
}

WORDS: dict[Lang, Words] = {"da": Words("da", _DA), "en": Words("en", _EN)}

# Indicator statuses (indicators.status) in plain words.
INDICATOR_STATUS: dict[Lang, dict[str, str]] = {
    "da": {
        "on_track": "på rette vej",
        "at_risk": "i risiko",
        "off_track": "ikke på rette vej",
        "no_target": "uden mål",
        "no_recent_data": "uden nye tal",
        "context": "følges som baggrund",
    },
    "en": {
        "on_track": "on track",
        "at_risk": "at risk",
        "off_track": "off track",
        "no_target": "without a target",
        "no_recent_data": "without recent figures",
        "context": "followed as background",
    },
}
# A goal's verdict (the indicators domain's goal roll-up). The Danish words are the rule's own, so
# a Danish page can show the rule's explanation after them ("I risiko: 1 af 3 vurderede ...").
GOAL_STATUS: dict[Lang, dict[str, str]] = {
    "da": {
        "on_track": "På rette vej",
        "at_risk": "I risiko",
        "off_track": "Ikke på rette vej",
        "no_target": "Intet mål",
        "no_recent_data": "Ingen nye tal",
    },
    "en": {
        "on_track": "On track",
        "at_risk": "At risk",
        "off_track": "Off track",
        "no_target": "No target set",
        "no_recent_data": "No recent figures",
    },
}
INITIATIVE_STATUS: dict[Lang, dict[str, str]] = {
    "da": {
        "idea": "idé",
        "planned": "planlagt",
        "active": "i gang",
        "paused": "sat på pause",
        "completed": "afsluttet",
        "stopped": "stoppet",
    },
    "en": {
        "idea": "idea",
        "planned": "planned",
        "active": "under way",
        "paused": "paused",
        "completed": "completed",
        "stopped": "stopped",
    },
}
PROGRESS_COLOUR: dict[Lang, dict[str, str]] = {
    "da": {"green": "går efter planen", "yellow": "har udfordringer", "red": "har alvorlige problemer"},
    "en": {"green": "going to plan", "yellow": "facing difficulties", "red": "in serious trouble"},
}
MONTHS: dict[Lang, tuple[str, ...]] = {
    "da": (
        "januar", "februar", "marts", "april", "maj", "juni",
        "juli", "august", "september", "oktober", "november", "december",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
}  # fmt: skip
