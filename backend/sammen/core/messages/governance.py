"""Texts of the agreement and goals, bodies and mandates, meetings, minutes, decisions, action items
and calendar feeds."""

from __future__ import annotations

from sammen.core.messages import M

GLOSSARY: dict[str, str] = {
    # meetings
    "agenda_published": "dagsorden udsendt",
    "held": "holdt",
    "minutes_draft": "referat i kladde",
    "minutes_approved": "referat godkendt",
    "cancelled": "aflyst",
    # bodies
    "proposed": "foreslået",
    "dissolved": "nedlagt",
    "partnership": "partnerskabet",
    "coordination_group": "koordinationsgruppen",
    "working_group": "en arbejdsgruppe",
}

MESSAGES = [
    # ---- the agreement and goals
    M(
        "agreement.missing",
        "No agreement is loaded; run `sammen seed`.",
        "Der er ingen aftale; kør `sammen seed`.",
    ),
    M("agreement.phases_unique", "phase numbers must be unique", "fasernes numre skal være forskellige"),
    M("goals.not_found", "No goal {id}.", "Målet {id} findes ikke."),
    M("goals.unknown", "no goal {id}", "målet {id} findes ikke"),
    M("goals.code_taken", "the code '{code}' is taken", 'koden "{code}" er optaget'),
    M(
        "goals.no_grandchildren",
        "sub-objectives cannot have sub-objectives of their own",
        "delmål kan ikke have egne delmål",
    ),
    M(
        "goals.has_children",
        "Delete or move the goal's sub-objectives first.",
        "Slet eller flyt målets delmål først.",
    ),
    M("goals.restore_parent", "Restore the parent goal first.", "Gendan det overordnede mål først."),
    M("goals.not_deleted", "The goal is not deleted.", "Målet er ikke slettet."),
    # ---- bodies and mandates
    M("bodies.not_found", "No body {id}.", "Organet {id} findes ikke."),
    M("bodies.unknown", "no body {id}", "organet {id} findes ikke"),
    M(
        "bodies.member_not_found",
        "No member {member} in body {body}.",
        "Medlem {member} findes ikke i organ {body}.",
    ),
    M(
        "bodies.unknown_member",
        "no member {member} in this body",
        "medlem {member} findes ikke i dette organ",
    ),
    M("bodies.no_seat", "the body has no seat '{code}'", 'organet har ingen plads "{code}"'),
    M("bodies.seats_unique", "seat codes must be unique", "pladsernes koder skal være forskellige"),
    M(
        "bodies.seat_other_org",
        "the seat belongs to another organisation",
        "pladsen hører til en anden organisation",
    ),
    M(
        "bodies.parent_kind",
        "a working group's parent must be a coordination group",
        "en arbejdsgruppe skal høre under en koordinationsgruppe",
    ),
    M(
        "bodies.parent_required",
        "a working group is set up by a coordination group: name it",
        "en arbejdsgruppe nedsættes af en koordinationsgruppe: angiv den",
    ),
    M("bodies.parent_dissolved", "the parent body is dissolved", "det overordnede organ er nedlagt"),
    M(
        "bodies.partnership_parent",
        "the partnership has no parent body",
        "partnerskabet har intet overordnet organ",
    ),
    M(
        "bodies.dissolved_before_setup",
        "must not be before the day the group was set up",
        "må ikke ligge før den dag, gruppen blev nedsat",
    ),
    M(
        "bodies.only_working_groups",
        "Only working groups are dissolved; the standing bodies run for the agreement's term.",
        "Kun arbejdsgrupper nedlægges; de faste organer består i hele aftalens løbetid.",
    ),
    M(
        "bodies.set_up_proposed_only",
        "Only a proposed body can be set up; this one is {status}.",
        "Kun et foreslået organ kan nedsættes; dette er {status:term}.",
    ),
    M(
        "bodies.dissolve_active_only",
        "Only an active working group can be dissolved; this one is {status}.",
        "Kun en aktiv arbejdsgruppe kan nedlægges; denne er {status:term}.",
    ),
    M(
        "bodies.dissolved_no_members",
        "The body is dissolved; it takes no new members.",
        "Organet er nedlagt; det får ikke nye medlemmer.",
    ),
    M(
        "bodies.dissolved_no_mandate",
        "The body is dissolved; its mandate can no longer change.",
        "Organet er nedlagt; dets kommissorium kan ikke længere ændres.",
    ),
    M(
        "bodies.dissolved_no_meetings",
        "The body is dissolved; it holds no more meetings.",
        "Organet er nedlagt; det holder ikke flere møder.",
    ),
    M(
        "bodies.member_attended",
        "The member has attended meetings; end the term with `to_date` instead of deleting.",
        "Medlemmet har deltaget i møder; afslut perioden med `to_date` i stedet for at slette.",
    ),
    M(
        "bodies.user_or_person",
        "give exactly one of user_id and person_name",
        "angiv enten user_id eller person_name, ikke begge",
    ),
    M("mandates.not_found", "No mandate {id}.", "Kommissoriet {id} findes ikke."),
    M(
        "mandates.edit_draft_only",
        "Only a draft mandate can be edited; version {number} is {status}. Start a new version instead.",
        "Kun et kommissorium i kladde kan ændres; version {number} er {status:term}. Start en ny version i stedet.",
    ),
    M(
        "mandates.submit_draft_only",
        "Only a draft mandate can be submitted; this one is {status}.",
        "Kun et kommissorium i kladde kan indsendes; dette er {status:term}.",
    ),
    M(
        "mandates.approve_submitted_only",
        "Only a submitted mandate can be approved; this one is {status}.",
        "Kun et indsendt kommissorium kan godkendes; dette er {status:term}.",
    ),
    M(
        "mandates.open_version",
        "Version {number} of this body's mandate is still {status}; finish it before starting another.",
        "Version {number} af organets kommissorium er stadig {status:term}; gør den færdig, før du starter en ny.",
    ),
    M(
        "mandates.partnership_approves",
        "only the strategic partnership approves mandates (kommissorier)",
        "kun det strategiske partnerskab godkender kommissorier",
    ),
    M(
        "mandates.approve_draft",
        "kommissorium v{number} is a draft: submit it before approving it",
        "kommissorium v{number} er en kladde: indsend det, før det godkendes",
    ),
    # ---- meetings and agenda
    M("meetings.not_found", "No meeting {id}.", "Mødet {id} findes ikke."),
    M("meetings.unknown", "no meeting {id}", "mødet {id} findes ikke"),
    M("agenda.not_found", "No agenda item {id}.", "Dagsordenspunktet {id} findes ikke."),
    M("agenda.unknown", "no agenda item {id}", "dagsordenspunktet {id} findes ikke"),
    M(
        "agenda.unknown_in_meeting",
        "no agenda item {id} in this meeting",
        "dagsordenspunktet {id} findes ikke på dette møde",
    ),
    M(
        "agenda.other_meeting",
        "the agenda item belongs to another meeting",
        "dagsordenspunktet hører til et andet møde",
    ),
    M(
        "meetings.chair_or_secretary",
        "Only the body's chair or secretary (or an admin) runs its meetings.",
        "Kun organets formand eller sekretær (eller en administrator) står for dets møder.",
    ),
    M(
        "meetings.publish_planned_only",
        "Only a planned meeting's agenda is published; this meeting is {status}.",
        "Kun et planlagt mødes dagsorden kan udsendes; dette møde er {status:term}.",
    ),
    M(
        "meetings.attendance_after_held",
        "Attendance is recorded once the meeting is held; it is {status}.",
        "Fremmøde registreres, når mødet er holdt; det er {status:term}.",
    ),
    M(
        "meetings.cancel_before_held",
        "Only a meeting not yet held can be cancelled; this meeting is {status}.",
        "Kun et møde, der ikke er holdt, kan aflyses; dette møde er {status:term}.",
    ),
    M(
        "meetings.hold_planned_only",
        "Only a planned meeting can be marked held; this meeting is {status}.",
        "Kun et planlagt møde kan markeres som holdt; dette møde er {status:term}.",
    ),
    M(
        "meetings.agenda_empty",
        "The agenda is empty; add at least one item before publishing it.",
        "Dagsordenen er tom; tilføj mindst ét punkt, før den udsendes.",
    ),
    M("meetings.not_started", "The meeting has not started yet.", "Mødet er ikke begyndt endnu."),
    M(
        "meetings.agenda_fixed",
        "The meeting is {status}; its agenda is fixed.",
        "Mødet er {status:term}; dagsordenen ligger fast.",
    ),
    M(
        "meetings.times_fixed",
        "The meeting is {status}; its title and times are fixed.",
        "Mødet er {status:term}; titel og tidspunkter ligger fast.",
    ),
    M("meetings.each_member_once", "each member once", "hvert medlem kun én gang"),
    M(
        "meetings.substitute_name",
        "name the substitute (substitute_name)",
        "angiv stedfortræderen (substitute_name)",
    ),
    M(
        "meetings.substitute_only",
        "substitute_name goes with status substitute only",
        "substitute_name hører kun til status substitute",
    ),
    M("agenda.each_item_once", "each agenda item once", "hvert dagsordenspunkt kun én gang"),
    M(
        "agenda.not_on_agenda",
        "not on this meeting's agenda: {ids}",
        "ikke på dette mødes dagsorden: {ids}",
    ),
    M(
        "agenda.changed",
        "The agenda has changed since it was loaded (an item was added); reload and try again.",
        "Dagsordenen er ændret, siden den blev hentet (et punkt er tilføjet); hent den igen, og prøv igen.",
    ),
    # ---- minutes
    M("minutes.not_found", "No minutes {id}.", "Referatet {id} findes ikke."),
    M(
        "minutes.chair_approves",
        "Only the body's chair or secretary approves minutes.",
        "Kun organets formand eller sekretær godkender referater.",
    ),
    M(
        "minutes.chair_revises",
        "Only the body's chair or secretary revises approved minutes.",
        "Kun organets formand eller sekretær retter godkendte referater.",
    ),
    M(
        "minutes.never_in_place",
        "Approved minutes are never changed in place: post a new revision with a reason (POST /api/v1/minutes/{id}/revisions).",
        "Godkendte referater ændres aldrig direkte: send en ny revision med en begrundelse (POST /api/v1/minutes/{id}/revisions).",
    ),
    M(
        "minutes.circulate_first",
        "Circulate the draft to the attendees before approving it.",
        "Send udkastet til deltagerne, før det godkendes.",
    ),
    M(
        "minutes.after_held",
        "Minutes are written once the meeting is held and until they are approved; it is {status}.",
        "Referatet skrives, når mødet er holdt, og indtil det er godkendt; mødet er {status:term}.",
    ),
    M(
        "minutes.circulate_draft_only",
        "Only draft minutes are circulated; the meeting is {status}.",
        "Kun et referat i kladde sendes rundt; mødet er {status:term}.",
    ),
    M(
        "minutes.exists",
        "The item already has minutes ({id}); change those instead.",
        "Punktet har allerede et referat ({id}); ret det i stedet.",
    ),
    M(
        "minutes.nothing_to_approve",
        "There are no draft minutes to approve; the meeting is {status}.",
        "Der er intet referat i kladde at godkende; mødet er {status:term}.",
    ),
    M(
        "minutes.revise_draft",
        "Only the current approved text is revised; this one is {status} (edit the draft instead).",
        "Kun den gældende godkendte tekst kan revideres; denne er {status:term} (ret kladden i stedet).",
    ),
    M(
        "minutes.revise_current",
        "Only the current approved text is revised; this one is {status}.",
        "Kun den gældende godkendte tekst kan revideres; denne er {status:term}.",
    ),
    # ---- decisions
    M("decisions.not_found", "No decision {id}.", "Beslutningen {id} findes ikke."),
    M("decisions.unknown", "no decision {id}", "beslutningen {id} findes ikke"),
    M(
        "decisions.held_meeting",
        "Decisions are made at a held meeting; this meeting is {status}.",
        "Beslutninger træffes på et holdt møde; dette møde er {status:term}.",
    ),
    M(
        "decisions.already_corrected",
        "Revision {revision} is already corrected by decision {by}.",
        "Revision {revision} er allerede rettet af beslutning {by}.",
    ),
    M(
        "decisions.number_taken",
        "the body already has decision {number}",
        "organet har allerede beslutning {number}",
    ),
    M(
        "decisions.other_meeting",
        "the decision was made at another meeting",
        "beslutningen blev truffet på et andet møde",
    ),
    M(
        "decisions.wrong_kind",
        "decision {id} is of kind {kind}; it must be {wanted}",
        "beslutning {id} er af typen {kind}; den skal være {wanted}",
    ),
    M(
        "decisions.wrong_body",
        "decision {id} was not made by body {body}",
        "beslutning {id} er ikke truffet af organ {body}",
    ),
    M(
        "decisions.wrong_body_kind",
        "decision {id} was not made by the {kind}",
        "beslutning {id} er ikke truffet af {kind:term}",
    ),
    # ---- action items
    M("actions.not_found", "No action item {id}.", "Opfølgningspunktet {id} findes ikke."),
    M(
        "actions.who_changes",
        "Only the owner, or the body's chair or secretary, changes an action item.",
        "Kun den ansvarlige eller organets formand eller sekretær ændrer et opfølgningspunkt.",
    ),
    M(
        "actions.owner_fields",
        "The owner may change only the status, the description and the completion note.",
        "Den ansvarlige må kun ændre status, beskrivelse og afslutningsnote.",
    ),
    M(
        "actions.origin",
        "name the origin: meeting_id, agenda_item_id or decision_id",
        "angiv hvor punktet kommer fra: meeting_id, agenda_item_id eller decision_id",
    ),
    M(
        "actions.owner",
        "name the owner: owner_user_id or owner_name",
        "angiv den ansvarlige: owner_user_id eller owner_name",
    ),
    # ---- calendar feeds
    M(
        "calendar.people_only",
        "Calendar feeds belong to people; API clients read /meetings instead.",
        "Kalenderfeeds er for personer; API-klienter læser /meetings i stedet.",
    ),
    M(
        "calendar.bad_token",
        "The feed token is not valid (it may have been replaced).",
        "Feed-tokenet er ikke gyldigt (det kan være skiftet ud).",
    ),
]
