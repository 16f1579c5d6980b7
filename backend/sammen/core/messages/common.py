"""Texts of the shared machinery: problem titles, request validation (pydantic's own texts),
tokens, If-Match, idempotency, limits, links, and the sentence an import error is written in."""

from __future__ import annotations

from sammen.core.messages import M

# Problem titles by the problem type's slug (core/errors.py): English as the code has them, Danish.
TITLES: dict[str, str] = {
    "bad-request": "Forkert forespørgsel",
    "unauthorized": "Log ind først",
    "forbidden": "Ikke tilladt",
    "not-found": "Findes ikke",
    "conflict": "Konflikt",
    "precondition-failed": "Ressourcen er ændret, siden du hentede den",
    "payload-too-large": "Forespørgslen er for stor",
    "validation-failed": "Forespørgslen er ikke gyldig",
    "precondition-required": "If-Match-header mangler",
    "too-many-requests": "For mange forsøg",
    "password-change-required": "Skift din engangsadgangskode først",
    "method-not-allowed": "Metoden er ikke tilladt",
    "not-acceptable": "Formatet kan ikke leveres",
    "unsupported-media-type": "Medietypen understøttes ikke",
    "internal": "Intern serverfejl",
    "error": "Fejl",
}

# Enum words that appear inside texts (statuses, kinds), in Danish.
GLOSSARY: dict[str, str] = {
    "draft": "kladde",
    "approved": "godkendt",
    "submitted": "indsendt",
    "superseded": "erstattet",
    "active": "aktiv",
    "paused": "sat på pause",
    "stopped": "stoppet",
    "idea": "idé",
    "planned": "planlagt",
    "completed": "afsluttet",
    "public": "offentlig",
    "partners": "partnere",
    "restricted": "begrænset",
}

# How an import error names its place: the file's row and column (rows count from the header, row 1).
ROW_CODE = "import.row"
ROW_ONLY_CODE = "import.row_only"  # a problem with a whole row (a CSV line that cannot be read)
FALLBACK_CODE = "invalid"  # the code of a text not (yet) in the catalogue

MESSAGES = [
    M(ROW_CODE, "Row {row}, column {column}: {text}", "Række {row}, kolonne {column}: {text}"),
    M(ROW_ONLY_CODE, "Row {row}: {text}", "Række {row}: {text}"),
    # ---- request validation: pydantic's texts
    M("field.required", "Field required", "Feltet skal udfyldes"),
    M("field.extra_forbidden", "Extra inputs are not permitted", "Feltet kendes ikke og må ikke sendes med"),
    M("field.json_invalid", "Invalid JSON: {error}", "Ugyldig JSON: {error}"),
    M("field.string_type", "Input should be a valid string", "Skal være en tekst"),
    M(
        "field.string_unicode",
        "Input should be a valid string, unable to parse raw data as a unicode string",
        "Skal være en tekst i UTF-8",
    ),
    M(
        "field.too_short",
        "String should have at least {min_length} character{_plural}",
        "Skal have mindst {min_length} tegn",
    ),
    M(
        "field.too_long",
        "String should have at most {max_length} character{_plural}",
        "Må højst have {max_length} tegn",
    ),
    M(
        "field.pattern",
        "String should match pattern '{pattern}'",
        "Har ikke den rigtige form (mønster {pattern})",
    ),
    M(
        "field.list_too_short",
        "{field_type} should have at least {min_length} item{_plural} after validation, not {actual_length}",
        "Skal have mindst {min_length} elementer, ikke {actual_length}",
    ),
    M(
        "field.list_too_long",
        "{field_type} should have at most {max_length} item{_plural} after validation, not {actual_length}",
        "Må højst have {max_length} elementer, ikke {actual_length}",
    ),
    M("field.greater_than", "Input should be greater than {gt}", "Skal være større end {gt}"),
    M(
        "field.greater_than_equal",
        "Input should be greater than or equal to {ge}",
        "Skal være mindst {ge}",
    ),
    M("field.less_than", "Input should be less than {lt}", "Skal være mindre end {lt}"),
    M("field.less_than_equal", "Input should be less than or equal to {le}", "Må højst være {le}"),
    M("field.multiple_of", "Input should be a multiple of {multiple_of}", "Skal gå op i {multiple_of}"),
    M("field.finite_number", "Input should be a finite number", "Skal være et endeligt tal"),
    M("field.int_type", "Input should be a valid integer", "Skal være et helt tal"),
    M(
        "field.int_parsing",
        "Input should be a valid integer, unable to parse string as an integer",
        "Skal være et helt tal",
    ),
    M(
        "field.int_parsing_size",
        "Unable to parse input string as an integer, exceeded maximum size",
        "Tallet er for stort",
    ),
    M(
        "field.int_from_float",
        "Input should be a valid integer, got a number with a fractional part",
        "Skal være et helt tal, uden decimaler",
    ),
    M("field.float_type", "Input should be a valid number", "Skal være et tal"),
    M(
        "field.float_parsing",
        "Input should be a valid number, unable to parse string as a number",
        "Skal være et tal",
    ),
    M("field.bool_type", "Input should be a valid boolean", "Skal være sand eller falsk"),
    M(
        "field.bool_parsing",
        "Input should be a valid boolean, unable to interpret input",
        "Skal være sand eller falsk",
    ),
    M("field.choice", "Input should be {expected}", "Skal være {expected:list}"),
    M("field.dict_type", "Input should be a valid dictionary", "Skal være et objekt"),
    M(
        "field.model_type",
        "Input should be a valid dictionary or instance of {class_name}",
        "Skal være et objekt",
    ),
    M(
        "field.model_attributes_type",
        "Input should be a valid dictionary or object to extract fields from",
        "Skal være et objekt",
    ),
    M("field.list_type", "Input should be a valid list", "Skal være en liste"),
    M("field.none_required", "Input should be None", "Skal være tom (null)"),
    M("field.date_type", "Input should be a valid date", "Skal være en dato"),
    M(
        "field.date_parsing",
        "Input should be a valid date in the format YYYY-MM-DD, {error}",
        "Skal være en dato på formen ÅÅÅÅ-MM-DD",
    ),
    M(
        "field.date_from_datetime_parsing",
        "Input should be a valid date or datetime, {error}",
        "Skal være en dato på formen ÅÅÅÅ-MM-DD",
    ),
    M(
        "field.date_from_datetime_inexact",
        "Datetimes provided to dates should have zero time - e.g. be exact dates",
        "Skal være en dato uden klokkeslæt",
    ),
    M("field.datetime_type", "Input should be a valid datetime", "Skal være et tidspunkt"),
    M(
        "field.datetime_parsing",
        "Input should be a valid datetime, {error}",
        "Skal være et tidspunkt efter RFC 3339, fx 2025-03-04T14:00:00+01:00",
    ),
    M(
        "field.datetime_from_date_parsing",
        "Input should be a valid datetime or date, {error}",
        "Skal være et tidspunkt eller en dato, fx 2025-03-04",
    ),
    M("field.timezone_aware", "Input should have timezone info", "Tidspunktet skal have en tidszone"),
    M("field.time_parsing", "Input should be in a valid time format, {error}", "Skal være et klokkeslæt"),
    M("field.url_parsing", "Input should be a valid URL, {error}", "Skal være en gyldig URL"),
    M("field.uuid_parsing", "Input should be a valid UUID, {error}", "Skal være et gyldigt UUID"),
    M("field.value_error", "Value error, {error:msg}", "{error:msg}"),
    M("field.assertion_error", "Assertion failed, {error:msg}", "{error:msg}"),
    # ---- shared validation texts
    M("field.not_null", "may not be null", "må ikke være tom (null)"),
    M("field.needs_offset", "needs an offset (RFC 3339)", "skal have en tidszone (RFC 3339)"),
    M(
        "field.naive_datetime",
        "naive datetimes are not stored; use timezone-aware UTC",
        "tidspunkter uden tidszone gemmes ikke; brug UTC med tidszone",
    ),
    M(
        "field.time_offset",
        "times need an offset (RFC 3339), e.g. 2025-03-04T14:00:00+01:00",
        "tidspunkter skal have en tidszone (RFC 3339), fx 2025-03-04T14:00:00+01:00",
    ),
    M("field.not_before", "must not be before {other}", "må ikke ligge før {other}"),
    M("field.after", "must be after {other}", "skal ligge efter {other}"),
    M("field.ordered", "{later} must not be before {earlier}", "{later} må ikke ligge før {earlier}"),
    M("field.ordered_values", "{later} {b} is before {earlier} {a}", "{later} {b} ligger før {earlier} {a}"),
    M("field.ends_after_start", "ends_at must be after starts_at", "ends_at skal ligge efter starts_at"),
    M(
        "field.control_character",
        "control character {character} at position {position} is not allowed",
        "kontroltegnet {character} på plads {position} er ikke tilladt",
    ),
    M(
        "field.control_character_text",
        "control character {character} at position {position} is not allowed (tab and line breaks are "
        "allowed here)",
        "kontroltegnet {character} på plads {position} er ikke tilladt (tabulator og linjeskift er tilladt her)",
    ),
    # ---- the HTTP layer
    M("http.no_route", "No API route /{path}.", "API'et har ingen rute /{path}."),
    M("http.no_docs_asset", "No documentation asset '{name}'.", 'Dokumentationen har ingen fil "{name}".'),
    M("http.not_found", "Not Found", "Findes ikke"),
    M("http.method_not_allowed", "Method Not Allowed", "Metoden er ikke tilladt"),
    M(
        "http.body_too_large",
        "The request body is larger than {limit:num} bytes.",
        "Forespørgslen er større end {limit:num} byte.",
    ),
    M(
        "http.nul_in_target",
        "The request target contains a NUL character.",
        "Adressen i forespørgslen indeholder et NUL-tegn.",
    ),
    M("http.nul", "NUL is not allowed", "NUL-tegn er ikke tilladt"),
    M("http.no_file", "No such file.", "Filen findes ikke."),
    # ---- tokens and sessions
    M("auth.bearer", "Use 'Authorization: Bearer <token>'.", "Brug 'Authorization: Bearer <token>'."),
    M("auth.invalid_token", "invalid token", "ugyldigt token"),
    M("auth.invalid_claims", "invalid token claims", "tokenets oplysninger er ugyldige"),
    M("auth.invalid_subject", "invalid token subject", "tokenets subjekt er ugyldigt"),
    M("auth.malformed_token", "malformed token", "tokenet er misdannet"),
    M("auth.algorithm", "token algorithm not accepted", "tokenets algoritme accepteres ikke"),
    M("auth.key_header", "token header names a key; refused", "tokenets header navngiver en nøgle; afvist"),
    M("auth.inactive", "The account is not active.", "Kontoen er ikke aktiv."),
    M(
        "auth.revoked",
        "This token was revoked (password change, sign-out or deactivation); sign in again.",
        "Dette token er tilbagekaldt (skift af adgangskode, log ud eller deaktivering); log ind igen.",
    ),
    # ---- If-Match and retries
    M(
        "concurrency.if_match_required",
        'Send If-Match with the ETag you read (for example If-Match: "3").',
        'Send If-Match med det ETag, du læste (fx If-Match: "3").',
    ),
    M("concurrency.etag_form", 'expected an ETag such as "3"', 'forventede et ETag som "3"'),
    M(
        "concurrency.stale",
        "You sent version {expected}; the current version is {current}.",
        "Du sendte version {expected}; den aktuelle version er {current}. En anden har gemt i mellemtiden.",
    ),
    M(
        "concurrency.raced",
        "Someone else saved this resource at the same time; read it again.",
        "En anden gemte samtidig med dig; hent den igen.",
    ),
    M(
        "idempotency.in_progress",
        "A request with this Idempotency-Key is still being processed.",
        "En forespørgsel med denne Idempotency-Key er stadig i gang.",
    ),
    M(
        "idempotency.key_length",
        "Idempotency-Key must be 1 to 200 characters.",
        "Idempotency-Key skal være 1 til 200 tegn.",
    ),
    M(
        "idempotency.reused",
        "This Idempotency-Key was used with a different request.",
        "Denne Idempotency-Key er brugt til en anden forespørgsel.",
    ),
    # ---- links from agenda items and decisions to content (core/links.py)
    M(
        "links.unavailable",
        "links to {target_type} are not available yet",
        "links til {target_type} er ikke mulige endnu",
    ),
    M(
        "links.twice",
        "{target_type} {target_id} is linked twice",
        "{target_type} {target_id} er linket to gange",
    ),
    M("links.unknown", "no {target_type} {target_id}", "{target_type} {target_id} findes ikke"),
    M(
        "links.search_unavailable",
        "{target_type} targets cannot be searched",
        "der kan ikke søges efter {target_type}",
    ),
    M("links.not_searchable", "{target_type} is not searchable", "der kan ikke søges efter {target_type}"),
    M("field.not_a_valid_email", "not a valid email address", "ikke en gyldig e-mailadresse"),
]
