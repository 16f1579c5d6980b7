"""Texts of the change feed and webhooks."""

from __future__ import annotations

from sammen.core.messages import M

MESSAGES = [
    M(
        "events.unknown_types",
        "unknown event type(s): {names} (see /api/v1/event-types)",
        "ukendt hændelsestype(r): {names} (se /api/v1/event-types)",
    ),
    M(
        "events.bad_cursor",
        "not a cursor of this feed (use the `cursor` of a page)",
        "ikke en markør fra dette feed (brug en sides `cursor`)",
    ),
    M("webhooks.not_found", "No such webhook endpoint.", "Webhook-modtageren findes ikke."),
    M("webhooks.unknown", "No webhook endpoint {id}.", "Webhook-modtageren {id} findes ikke."),
    M(
        "webhooks.delivery_not_found",
        "No delivery {id} of this endpoint.",
        "Leveringen {id} findes ikke for denne modtager.",
    ),
    M(
        "webhooks.delivery_queued",
        "The delivery is still queued; it is tried again at its next_attempt_at.",
        "Leveringen står stadig i kø; den forsøges igen på tidspunktet i next_attempt_at.",
    ),
    M(
        "webhooks.organisation_required",
        "name the organisation the endpoint is for",
        "angiv den organisation, modtageren er for",
    ),
    M(
        "webhooks.managers_only",
        "Webhooks are managed by the organisation's API clients, its editors and admins.",
        "Webhooks administreres af organisationens API-klienter, dens redaktører og administratorer.",
    ),
    M(
        "webhooks.own_organisation",
        "You register webhook endpoints for your own organisation only.",
        "Du kan kun oprette webhook-modtagere for din egen organisation.",
    ),
    M("webhooks.not_sealed", "not a sealed webhook secret", "ikke en forseglet webhook-hemmelighed"),
    # the receiver URL check (events/netguard.py), reported as body.url
    M(
        "webhooks.url_unresolved_reason",
        "{host} cannot be resolved ({reason})",
        "{host} kan ikke slås op ({reason})",
    ),
    M("webhooks.url_unresolved", "{host} cannot be resolved", "{host} kan ikke slås op"),
    M(
        "webhooks.url_private",
        "{host} resolves to {address}, a private, loopback, link-local or otherwise non-public "
        "address; such receivers need WEBHOOK_ALLOW_PRIVATE_ADDRESSES",
        "{host} peger på {address}, en privat, lokal eller på anden måde ikke-offentlig adresse; "
        "sådanne modtagere kræver WEBHOOK_ALLOW_PRIVATE_ADDRESSES",
    ),
    M("webhooks.url_scheme", "must be an http or https URL", "skal være en http- eller https-adresse"),
    M("webhooks.url_https", "must use https in production", "skal bruge https i drift"),
    M(
        "webhooks.url_credentials",
        "must not carry credentials (user:password@)",
        "må ikke indeholde brugernavn og adgangskode (bruger:adgangskode@)",
    ),
    M("webhooks.url_no_host", "has no host", "har intet værtsnavn"),
    M("webhooks.url_port", "has an invalid port", "har et ugyldigt portnummer"),
]
