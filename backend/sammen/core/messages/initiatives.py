"""Texts of initiatives, progress, good stories, milestones, action plans, coverage and the import."""

from __future__ import annotations

from sammen.core.messages import M

MESSAGES = [
    M("initiatives.not_found", "No initiative {id}.", "Indsatsen {id} findes ikke."),
    M("initiatives.sign_in", "Sign in to read this initiative.", "Log ind for at se denne indsats."),
    M(
        "initiatives.sort",
        "unknown sort key '{key}'; use one of {keys}",
        'ukendt sorteringsnøgle "{key}"; brug en af {keys}',
    ),
    M(
        "initiatives.edit_lead_only",
        "Only editors of the lead organisation change this initiative.",
        "Kun redaktører i den ansvarlige organisation ændrer denne indsats.",
    ),
    M(
        "initiatives.create_lead_only",
        "Only editors of the lead organisation create its initiatives.",
        "Kun redaktører i den ansvarlige organisation opretter dens indsatser.",
    ),
    M(
        "initiatives.hand_over",
        "You may only hand an initiative to an organisation you edit for.",
        "Du kan kun give en indsats videre til en organisation, du er redaktør for.",
    ),
    M(
        "initiatives.external_id_taken",
        "The lead organisation already has an initiative with external_id '{external_id}'.",
        'Den ansvarlige organisation har allerede en indsats med external_id "{external_id}".',
    ),
    M("initiatives.unknown_goals", "unknown goal codes: {codes}", "ukendte mål: {codes}"),
    M("initiatives.unknown_indicators", "unknown indicator codes: {codes}", "ukendte indikatorer: {codes}"),
    M("initiatives.unknown_partners", "unknown organisations: {codes}", "ukendte organisationer: {codes}"),
    M("initiatives.unknown_lead", "no organisation '{lead}'", 'organisationen "{lead}" findes ikke'),
    M("initiatives.no_phase", "no phase {phase}", "fase {phase} findes ikke"),
    M(
        "initiatives.reason_required",
        "required when {status}",
        "skal udfyldes, når status er {status:term}",
    ),
    # ---- progress, stories, milestones
    M(
        "progress.reporters_only",
        "Only reporters of the lead or a partner organisation report progress.",
        "Kun rapportører i den ansvarlige organisation eller en partner rapporterer status.",
    ),
    M("progress.not_your_org", "You do not report for '{org}'.", 'Du rapporterer ikke for "{org}".'),
    M(
        "progress.not_lead_or_partner",
        "not the lead or a partner organisation of this initiative",
        "ikke indsatsens ansvarlige organisation eller en partner",
    ),
    M("progress.unknown_observations", "no observations {ids}", "tallene {ids} findes ikke"),
    M(
        "progress.story_needs_text",
        "a good story needs story_title and story_text",
        "en god historie skal have story_title og story_text",
    ),
    M(
        "milestones.not_found",
        "No milestone {id} on this initiative.",
        "Milepælen {id} findes ikke på denne indsats.",
    ),
    # ---- action plans
    M("plans.not_found", "No action plan {id}.", "Handleplanen {id} findes ikke."),
    M("plans.sign_in", "Sign in to read this action plan.", "Log ind for at se denne handleplan."),
    M(
        "plans.no_revision",
        "Action plan {plan} has no revision {number}.",
        "Handleplan {plan} har ingen revision {number}.",
    ),
    M(
        "plans.nothing_changed",
        "Nothing changed since revision {number}; edit the plan to make a new draft.",
        "Intet er ændret siden revision {number}; ret planen for at lave en ny kladde.",
    ),
    M("plans.initiative_twice", "an initiative appears twice", "en indsats står der to gange"),
    M("plans.unknown_initiatives", "no initiatives {ids}", "indsatserne {ids} findes ikke"),
    M(
        "plans.visibility",
        "action plans are public or for partners",
        "handleplaner er offentlige eller for partnerne",
    ),
    # ---- the import
    M(
        "initiatives.import_editors",
        "Only editors import initiatives.",
        "Kun redaktører importerer indsatser.",
    ),
    M(
        "initiatives.import_failed",
        "{count} problem(s) in the file; nothing was imported.",
        "{count} fejl i filen; intet er importeret.",
    ),
    M(
        "initiatives.import_not_yours",
        "Some rows belong to organisations you do not edit for; nothing was imported.",
        "Nogle rækker hører til organisationer, du ikke er redaktør for; intet er importeret.",
    ),
    M("initiatives.required", "required", "skal udfyldes"),
    M("initiatives.duplicate", "appears twice in the file", "står to gange i filen"),
    M(
        "initiatives.deleted",
        "belongs to a deleted initiative; restore it first",
        "hører til en slettet indsats; gendan den først",
    ),
    M("initiatives.not_editor", "you do not edit for {value}", "du er ikke redaktør for {value}"),
    M(
        "initiatives.title_required",
        "required for a new initiative",
        "skal udfyldes for en ny indsats",
    ),
]
