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
        "malformed period '{period}': expected e.g. 2024, 2024-Q1 (2024K1), 2024-03 (2024M03), 2023/24 or "
        "2022-11-01, in the years {first}-{last}",
        'perioden "{period}" kan ikke læses: skriv fx 2024, 2024-Q1 (2024K1), 2024-03 (2024M03), 2023/24 eller '
        "2022-11-01, i årene {first}-{last}",
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
    # ---- uploaded tables (core/table_files.py): the file as a whole
    M(
        "import.too_many_rows",
        "more than {max_rows:num} rows (blank rows count too); split the file",
        "mere end {max_rows:num} rækker (tomme rækker tæller med); del filen op",
    ),
    M(
        "import.too_slow",
        "reading the file took longer than {seconds} seconds; split it",
        "det tog mere end {seconds} sekunder at læse filen; del den op",
    ),
    M("import.empty", "the file is empty", "filen er tom"),
    M("import.header_empty", "the header row (row 1) is empty", "overskriftsrækken (række 1) er tom"),
    M("import.no_rows", "no data rows", "filen har ingen rækker med data"),
    M("import.utf16_unreadable", "not readable UTF-16 text", "filen kan ikke læses som tekst i UTF-16"),
    M(
        "import.encoding",
        "neither UTF-8 nor Windows-1252 text (byte {byte})",
        "filen er hverken tekst i UTF-8 eller i Windows-1252 (byte {byte})",
    ),
    M("import.csv_unreadable", "unreadable CSV: {reason:msg}", "CSV-filen kan ikke læses: {reason:msg}"),
    M(
        "import.csv_field_limit",
        "field larger than field limit ({limit})",
        "et felt er længere end {limit} tegn",
    ),
    M(
        "import.unreadable_xlsx",
        "not a readable XLSX file ({reason})",
        "filen kan ikke læses som XLSX ({reason})",
    ),
    M(
        "import.not_zip",
        "not a readable XLSX file (not a zip archive)",
        "filen kan ikke læses som XLSX (den er ikke et zip-arkiv)",
    ),
    M(
        "import.unreadable_sheet",
        "not a readable XLSX sheet ({reason})",
        "regnearket i filen kan ikke læses ({reason})",
    ),
    M("import.no_sheet", "the workbook has no sheet", "projektmappen har intet regneark"),
    M(
        "import.too_large_unpacked",
        "the workbook unpacks to {unpacked:num} bytes, more than {limit:num}",
        "projektmappen fylder {unpacked:num} byte udpakket, mere end {limit:num}",
    ),
    M(
        "import.header_lacks_columns",
        "The header row lacks required columns.",
        "Overskriftsrækken mangler påkrævede kolonner.",
    ),
    M("import.missing_column", "required column is missing", "kolonnen mangler i filen"),
    M(
        "import.reporters_only",
        "Importing observations needs the reporter role in an organisation.",
        "Import af tal kræver rollen rapportør i en organisation.",
    ),
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
    # ---- observation rows, from a file or a JSON batch (indicators/validation.py, cells.py)
    M("observations.no_indicator", "no indicator given", "indikatoren mangler"),
    M("observations.unknown_indicator", "unknown indicator {value}", "indikatoren {value} findes ikke"),
    M("observations.no_area", "no area given", "området mangler"),
    M("observations.unknown_area", "unknown area {value}", "området {value} findes ikke"),
    M(
        "observations.not_owner",
        "your organisation does not own {value}",
        "din organisation er ikke ansvarlig for {value}",
    ),
    M("observations.not_a_number", "not a number: {value}", "{value} er ikke et tal"),
    M("observations.expected_number", "expected a number", "forventede et tal"),
    M("observations.expected_finite", "expected a finite number", "forventede et endeligt tal"),
    M("observations.expected_whole", "expected a whole number", "forventede et helt tal"),
    M("observations.negative", "must not be negative", "må ikke være negativ"),
    M("observations.count_too_large", "larger than {limit:num}", "større end {limit:num}"),
    M("observations.count_not_whole", "expected a whole number: {value}", "forventede et helt tal: {value}"),
    M("observations.count_negative", "must not be negative: {value}", "må ikke være negativ: {value}"),
    M(
        "observations.count_over_limit",
        "larger than {limit:num}: {value}",
        "større end {limit:num}: {value}",
    ),
    M("observations.too_long", "longer than {limit} characters", "længere end {limit} tegn"),
    M(
        "observations.bad_status",
        "expected provisional, final or series_break, not {value}",
        "skriv provisional (foreløbig), final (endelig) eller series_break (databrud), ikke {value}",
    ),
    M(
        "observations.value_missing",
        "give a value, or a missing_reason when there is none",
        "skriv en værdi, eller en begrundelse i missing_reason, når der ingen er",
    ),
    M(
        "observations.reason_with_value",
        "only allowed when there is no value",
        "må kun udfyldes, når der ikke er nogen værdi",
    ),
    M(
        "observations.duplicate",
        "the same indicator, area and period as row {other}",
        "samme indikator, område og periode som række {other}",
    ),
    M(
        "observations.written_meanwhile",
        "written by another import at the same moment",
        "skrevet af en anden import i samme øjeblik",
    ),
    M(
        "observations.raced",
        "Another import or batch wrote some of these observations at the same moment; nothing was "
        "written. Send it again.",
        "En anden import eller indberetning skrev nogle af de samme tal i samme øjeblik; intet er "
        "gemt. Send den igen.",
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
