"""Texts of areas, indicators, observations, their imports, exports and approval."""

from __future__ import annotations

from sammen.core.messages import M

MESSAGES = [
    M("indicators.not_found", "No indicator '{code}'.", 'Indikatoren "{code}" findes ikke.'),
    M("indicators.sign_in", "Sign in to read this indicator.", "Log ind for at se denne indikator."),
    M("areas.not_found", "No area '{code}'.", 'Området "{code}" findes ikke.'),
    M("goals.not_found_code", "No goal '{code}'.", 'Målet "{code}" findes ikke.'),
    M("observations.not_found", "No observation {id}.", "Tallet {id} findes ikke."),
    M("observations.sign_in", "Sign in to read this observation.", "Log ind for at se dette tal."),
    M(
        "observations.owner_only",
        "Only the owning organisation posts values for '{code}'.",
        'Kun den ansvarlige organisation indberetter tal for "{code}".',
    ),
    M(
        "observations.approve_editor",
        "Only an editor of the owning organisation approves its values.",
        "Kun en redaktør i den ansvarlige organisation godkender dens tal.",
    ),
    M(
        "observations.approve_needs_editor",
        "approving '{code}' needs an editor",
        'godkendelse af "{code}" kræver en redaktør',
    ),
    M("observations.unknown_areas", "unknown areas", "ukendte områder"),
    M("observations.unknown_drafts", "no drafts {ids}", "kladderne {ids} findes ikke"),
    M(
        "duties.members_only",
        "Only the organisation's own members see its data duties.",
        "Kun organisationens egne medlemmer ser dens dataopgaver.",
    ),
    M("observations.bad_period", "bad period", "ugyldig periode"),
    M(
        "observations.written_nothing",
        "{count} problem(s); nothing was written. First: {field}: {message:msg}",
        "{count} fejl; intet er gemt. Første fejl ({field}): {message:msg}",
    ),
    # ---- periods
    M(
        "periods.malformed",
        "malformed period '{period}': expected e.g. 2024, 2024-Q1 (2024K1), 2024-03 (2024M03), 2023/24 or 2022-11-01",
        'perioden "{period}" kan ikke læses: skriv fx 2024, 2024-Q1 (2024K1), 2024-03 (2024M03), 2023/24 eller 2022-11-01',
    ),
    M(
        "periods.malformed_value",
        "malformed period '{period}': expected 2024, 2024-Q1, 2024-03, 2023/24 or an ISO date 2022-11-01",
        'perioden "{period}" kan ikke læses: skriv 2024, 2024-Q1, 2024-03, 2023/24 eller en dato som 2022-11-01',
    ),
    M("periods.malformed_short", "malformed period '{period}'", 'perioden "{period}" kan ikke læses'),
    M(
        "periods.wrong_periodicity",
        "period '{period}' does not fit the periodicity '{periodicity}' (expected e.g. {example})",
        'perioden "{period}" passer ikke til indikatorens hyppighed "{periodicity:term}" (skriv fx {example})',
    ),
    # ---- files
    M("files.not_utf8", "not UTF-8 text (byte {byte})", "filen er ikke tekst i UTF-8 (byte {byte})"),
    M("files.empty", "the file is empty", "filen er tom"),
    M("files.sheet_empty", "the sheet is empty", "arket er tomt"),
    M("files.no_rows", "no data rows", "filen har ingen rækker med data"),
    M(
        "files.not_xlsx",
        "not a readable XLSX file ({reason})",
        "filen kan ikke læses som XLSX ({reason})",
    ),
    M(
        "files.too_many_rows",
        "more than {limit:num} rows; split the file",
        "mere end {limit:num} rækker; del filen op",
    ),
    M(
        "files.header_lacks_columns",
        "The header row lacks required columns.",
        "Overskriftsrækken mangler påkrævede kolonner.",
    ),
    M("files.column_missing", "required column is missing", "kolonnen mangler i filen"),
    M(
        "exports.format",
        "expected json, csv, xlsx or json-stat",
        "vælg json, csv, xlsx eller json-stat",
    ),
    M(
        "exports.too_many_rows",
        "more than {limit:num} rows do not fit a sheet; use csv",
        "mere end {limit:num} rækker kan ikke være i et regneark; brug csv",
    ),
    # ---- import and batch rows
    M("import.unknown_indicator", "unknown indicator {value}", "indikatoren {value} findes ikke"),
    M("import.no_indicator", "unknown indicator None", "indikatoren mangler"),
    M("import.unknown_area", "unknown area {value}", "området {value} findes ikke"),
    M("import.no_area", "unknown area None", "området mangler"),
    M(
        "import.not_owner",
        "your organisation does not own '{value}'",
        'din organisation er ikke ansvarlig for "{value}"',
    ),
    M("import.not_a_number", "not a number: {value}", "{value} er ikke et tal"),
    M("import.whole_number", "expected a whole number: {value}", "forventede et helt tal: {value}"),
    M("import.not_negative", "must not be negative: {value}", "må ikke være negativ: {value}"),
    M("import.expected_number", "expected a number", "forventede et tal"),
    M("import.expected_finite", "expected a finite number", "forventede et endeligt tal"),
    M("import.expected_whole", "expected a whole number", "forventede et helt tal"),
    M("import.negative", "must not be negative", "må ikke være negativ"),
    M("import.too_long", "longer than {limit} characters", "længere end {limit} tegn"),
    M(
        "import.status",
        "expected provisional, final or series_break, not {value}",
        "skriv provisional (foreløbig), final (endelig) eller series_break (databrud), ikke {value}",
    ),
    M(
        "import.value_or_reason",
        "give a value, or a missing_reason when there is none",
        "skriv en værdi, eller en begrundelse i missing_reason, når der ingen er",
    ),
    M(
        "import.reason_without_value",
        "only allowed when there is no value",
        "må kun udfyldes, når der ikke er nogen værdi",
    ),
    M(
        "import.duplicate",
        "the same indicator, area and period as row {other}",
        "samme indikator, område og periode som række {other}",
    ),
    M(
        "observations.reason_only_without_value",
        "missing_reason: only allowed when value is null",
        "missing_reason: må kun udfyldes, når værdien er tom",
    ),
    M(
        "observations.reason_required",
        "missing_reason: required when value is null",
        "missing_reason: skal udfyldes, når værdien er tom",
    ),
]
