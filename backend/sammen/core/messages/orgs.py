"""Texts of sign-in, organisations, users, memberships and API clients."""

from __future__ import annotations

from sammen.core.messages import M

# Who a sign-in lock-out counts (orgs/throttle.py), as the refusal names it.
GLOSSARY: dict[str, str] = {
    "this account from your address": "denne konto fra din adresse",
    "this account": "denne konto",
    "your address": "din adresse",
}

MESSAGES = [
    # ---- sign-in
    M("auth.wrong_login", "Wrong email or password.", "Forkert e-mail eller adgangskode."),
    M(
        "auth.locked",
        "Too many failed sign-ins for {what}; try again later.",
        "For mange mislykkede loginforsøg for {what:term}; prøv igen senere.",
    ),
    M(
        "auth.refresh_expired",
        "The refresh token has expired; sign in again.",
        "Sessionen er udløbet; log ind igen.",
    ),
    M(
        "auth.refresh_reused",
        "This refresh token was already used; all sessions of its family are revoked.",
        "Dette fornyelsestoken er allerede brugt; alle sessioner i samme familie er lukket.",
    ),
    M("auth.refresh_unknown", "Unknown refresh token.", "Ukendt fornyelsestoken."),
    M("auth.client_secret", "Unknown client or wrong secret.", "Ukendt klient eller forkert hemmelighed."),
    M("auth.no_session", "No session: sign in.", "Ingen session: log ind."),
    M(
        "auth.cookie_header",
        "Refreshing from the cookie requires the {header} header.",
        "Fornyelse fra cookien kræver headeren {header}.",
    ),
    M(
        "auth.required_for_grant",
        "required for the {grant} grant",
        "skal udfyldes ved {grant}-grant",
    ),
    M(
        "auth.client_has_no_password",
        "API clients have no password; rotate the client secret instead.",
        "API-klienter har ingen adgangskode; skift klientens hemmelighed i stedet.",
    ),
    M(
        "auth.change_password_first",
        "Change your one-time password at POST /api/v1/auth/password.",
        "Skift din engangsadgangskode med POST /api/v1/auth/password.",
    ),
    M(
        "auth.needs_permission",
        "This needs the permission {permission}.",
        "Det kræver tilladelsen {permission}.",
    ),
    M("auth.password_wrong", "the current password is wrong", "den nuværende adgangskode er forkert"),
    M(
        "auth.password_same",
        "choose a password different from the current one",
        "vælg en anden adgangskode end den nuværende",
    ),
    M(
        "auth.password_personal",
        "the password must not be your name or email",
        "adgangskoden må ikke være dit navn eller din e-mail",
    ),
    # ---- organisations
    M("orgs.not_found", "No organisation {id}.", "Organisationen {id} findes ikke."),
    M("orgs.unknown", "no organisation {ref}", "organisationen {ref} findes ikke"),
    M("orgs.slug_taken", "the slug '{slug}' is taken", 'slug\'en "{slug}" er optaget'),
    M("orgs.slug_digits", "a slug needs at least one letter", "en slug skal have mindst ét bogstav"),
    M(
        "orgs.own_parent",
        "an organisation cannot be its own parent",
        "en organisation kan ikke være sin egen overordnede",
    ),
    M("orgs.not_deleted", "The organisation is not deleted.", "Organisationen er ikke slettet."),
    M(
        "orgs.secretariat_stays",
        "The secretariat holds the admin role and cannot be deleted.",
        "Sekretariatet har administratorrollen og kan ikke slettes.",
    ),
    # ---- users and memberships
    M("users.not_found", "No user {id}.", "Brugeren {id} findes ikke."),
    M("users.unknown", "no user {id}", "brugeren {id} findes ikke"),
    M("users.email_taken", "a user with this email exists", "der findes allerede en bruger med denne e-mail"),
    M("users.not_yourself", "You cannot deactivate yourself.", "Du kan ikke deaktivere dig selv."),
    M("memberships.not_found", "No membership {id}.", "Medlemskabet {id} findes ikke."),
    M(
        "memberships.admin_in_secretariat",
        "admin is held in the secretariat organisation only",
        "administratorrollen findes kun i sekretariatet",
    ),
    M(
        "memberships.already_member",
        "the user is already a member of this organisation",
        "brugeren er allerede medlem af organisationen",
    ),
    M(
        "memberships.own_admin",
        "You cannot remove your own admin membership.",
        "Du kan ikke fjerne dit eget administratormedlemskab.",
    ),
    # ---- API clients
    M("api_clients.not_found", "No API client {id}.", "API-klienten {id} findes ikke."),
]
