"""The status rule in Danish words: the verdict with its reasons for one area, and the rule as the
yearly report prints it. The rule itself is assessment.py; nothing here decides anything."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from sammen.core import danish

if TYPE_CHECKING:
    from sammen.indicators.assessment import Assessment, Resolved, Rule

OPERATOR_WORDS = {">": "over", ">=": "på eller over", "<": "under", "<=": "på eller under"}
LIST_WORDS = {"udsat": "et udsat boligområde", "forebyggelse": "et forebyggelsesområde"}
VERDICT_WORDS: dict[str, str] = {
    "on_track": "På rette vej",
    "at_risk": "I risiko",
    "off_track": "Ikke på rette vej",
    "no_target": "Intet mål",
    "no_recent_data": "Ingen nye tal",
    "context": "Kontekst",
}
POSITION_WORDS: dict[str, str] = {
    "threshold_crossed": "På den forkerte side af en lovgrænse",
    "target_met": "Målet er nået",
    "toward_target": "Mellem udgangspunkt og mål",
    "behind_baseline": "Dårligere end udgangspunktet",
    "short_of_target": "Målet er ikke nået",
    "no_target": "Intet mål fastsat",
    "context": "Kontekstindikator",
    "no_data": "Ingen tal",
}
TREND_WORDS: dict[str, str] = {
    "improving": "forbedres",
    "stable": "stabil",
    "worsening": "forværres",
    "too_few": "for få målinger",
    "not_applicable": "vurderes ikke",
}


# The rule as the report prints it (Markdown; the same rule as the module docstring).
RULE_TEXT = """Status har to dele, og begge står ved hver indikator: **hvor området står** (placering) og
**hvor det er på vej hen** (udvikling). Kun godkendte tal tæller; et tal for en lille gruppe (n under
minimum) vises som skjult og tæller ikke.

**Placering**, ud fra det seneste tal:

- *På den forkerte side af en lovgrænse*: tallet overskrider en af de officielle grænser for udsatte
  boligområder eller forebyggelsesområder (almenboligloven §§ 61 a–61 b). Det går forud for alt
  andet: indikatoren er aldrig grøn, så længe grænsen er overskredet.
- *Målet er nået*: tallet er på eller forbi målet.
- *Mellem udgangspunkt og mål*: tallet er mindst lige så godt som udgangspunktet, men ikke ved målet.
- *Dårligere end udgangspunktet*.
- *Intet mål fastsat*: vises som sådan og aldrig som grøn.

**Udvikling** over de seneste tre målinger med tal (aldrig hen over et databrud): en ændring inden for
tolerancen (±1 procentpoint for andele, ellers indikatorens egen tolerance eller 5 % af niveauet) er
stabil; ellers forbedres eller forværres udviklingen. Med færre end tre målinger er der for få tal.

**Samlet status**:

- *På rette vej*: målet er nået og holdes, eller tallet er på vej mod målet og forbedres.
- *I risiko*: målet er nået, men udviklingen forværres; på vej mod målet uden forbedring; eller
  dårligere end udgangspunktet, men forbedres.
- *Ikke på rette vej*: en lovgrænse er overskredet; på vej mod målet, men forværres; eller dårligere
  end udgangspunktet uden forbedring.
- *Intet mål*, *Ingen nye tal* (intet tal, eller det seneste er ældre end periodiciteten tillader)
  og *Kontekst* (ingen ønsket retning) vurderes ikke.
"""


def explain(out: Assessment, rule: Rule, area_names: Mapping[int, str] | None = None) -> str:
    """The verdict with its reasons, in Danish: position, then trend, then the age of the figure."""
    names = area_names or {}
    if out.value is None or out.period is None:
        return "Ingen godkendte tal."

    def fig(x: float) -> str:
        return danish.figure(x, rule.unit, rule.decimals)

    now = f"{fig(out.value)} {danish.when(out.period)}"
    parts = [f"{VERDICT_WORDS[out.status]}."]
    if out.position == "context":
        parts.append(f"Kontekstindikator uden ønsket retning: {now}.")
    elif out.position == "threshold_crossed":
        worst = next(t for t in out.thresholds if t["crossed"])
        kind = LIST_WORDS.get(worst["list_kind"] or "", "en officiel liste")
        parts.append(
            f"På den forkerte side af en lovgrænse: {now} er {OPERATOR_WORDS[worst['operator']]} "
            f"grænsen for {kind} ({fig(worst['threshold'])})."
        )
    elif out.position == "no_target":
        note = f" ({out.target_note})" if out.target_note else ""
        parts.append(f"Intet mål fastsat{note}: {now}.")
    else:
        assert out.target is not None
        target = f"målet {fig(out.target.value)}{_basis_words(out.target, names)}"
        baseline = (
            f" og udgangspunktet {fig(out.baseline.value)}"
            + (f" ({danish.period(out.baseline.period)})" if out.baseline.period else "")
            if out.baseline is not None
            else ""
        )
        lead = {
            "target_met": "Målet er nået",
            "toward_target": "På vej mod målet",
            "behind_baseline": "Dårligere end udgangspunktet",
            "short_of_target": "Målet er ikke nået",
        }[out.position]
        parts.append(f"{lead}: {now} mod {target}{baseline}.")
    if out.trend == "too_few":
        parts.append("For få sammenlignelige målinger til at vurdere udviklingen (der skal være tre).")
    elif out.trend != "not_applicable" and out.trend_change is not None and out.trend_tolerance is not None:
        word = {
            "improving": "positiv: {change}, i den ønskede retning",
            "stable": "stabil: {change}",
            "worsening": "negativ: {change}, i den forkerte retning",
        }[out.trend].format(change=danish.change(out.trend_change, rule.unit, rule.decimals))
        tol = danish.number(out.trend_tolerance, rule.decimals)
        first, last = danish.period(out.trend_periods[0]), danish.period(out.trend_periods[-1])
        parts.append(
            f"Udviklingen de seneste tre målinger ({danish.span(first, last)}) er {word} "
            f"(stabil inden for ±{tol})."
        )
    if out.stale:
        parts.append(f"Tallet er gammelt: den seneste måling er for {danish.period(out.period)}.")
    return " ".join(parts)


def _basis_words(target: Resolved, names: Mapping[int, str]) -> str:
    if target.basis == "area_level":
        who = names.get(target.basis_area_id or 0, "sammenligningsområdet")
        return f" ({who}s niveau {danish.when(target.period)})" if target.period else f" ({who}s niveau)"
    return ""
