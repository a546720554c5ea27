"""The words the page scripts show, translated on the server and handed over as JSON."""

from flask_babel import lazy_gettext as _l

from .openspace_strings import OPENSPACE
from .strings_harvest import harvest_strings

COMMON = {
    "phase.setup": _l("Getting ready"),
    "phase.forum": _l("Open forum"),
    "phase.cafe": _l("World Café"),
    "phase.harvest": _l("Harvest"),
    "phase.closed": _l("Closed"),
    "status.connecting": _l("Connecting…"),
    "status.online": _l("Live"),
    "status.reconnecting": _l("Reconnecting…"),
    "status.offline": _l("Offline"),
    "status.unavailable": _l("Server trouble, retrying…"),
    "status.waiting": _l("At the door"),
    "role.participant": _l("Participant"),
    "role.host": _l("Table host"),
    "role.rapporteur": _l("Rapporteur"),
    "role.animator": _l("Animator"),
    "people.one": _l("1 person here"),
    "people.other": _l("%(n)s people here"),
    "people.none": _l("Nobody yet: be the first!"),
    "no_organisation": _l("No organisation"),
    "table_n": _l("Table %(n)s"),
    "hosted_by": _l("Hosted by %(name)s"),
    "anonymous": _l("Anonymous"),
    "round_n": _l("Round %(n)s"),
    "round_short": _l("Round %(n)s/%(count)s"),
    "other_ideas": _l("Other ideas"),
    "syn.retained": _l("Retained ideas"),
    "syn.summary": _l("To sum up"),
    "syn.undeveloped": _l("Ideas not developed"),
    "syn.steps": _l("Next steps"),
    "syn.votes.one": _l("1 dot"),
    "syn.votes.other": _l("%(n)s dots"),
    "syn.current_is": _l("Saved meanwhile by someone else (your text is kept above):"),
    "syn.take_current": _l("Use their version"),
    "syn.edit_idea": _l("Edit the idea:"),
    "syn.new_idea": _l("The new idea:"),
    "syn.switch": _l("Move to the other list"),
    "syn.confirm_delete": _l("Remove this idea from the synthesis?"),
    "syn.add_idea": _l("Add an idea"),
    "syn.merge_up": _l("Merge into the one above"),
    "syn.merged_text": _l("The merged idea:"),
    "syn.up": _l("Move up"),
    "syn.down": _l("Move down"),
    "syn.actions": _l("Actions on the idea: %(text)s"),
    "syn.from_note": _l("Add a note of the table…"),
    "syn.due": _l("By when"),
    "syn.fill": _l("Retain the most voted notes"),
    "syn.propose_step": _l("Propose a next step…"),
    "syn.owner": _l("Who"),
    "syn.propose": _l("Propose"),
    "syn.kept": _l("Kept"),
    "syn.dropped": _l("Dropped"),
    "syn.proposed": _l("Proposed"),
    "edit": _l("Edit"),
    "delete": _l("Delete"),
    "save": _l("Save"),
    "cancel": _l("Cancel"),
    "saved": _l("Saved"),
    "supporters.one": _l("1 supporter"),
    "supporters.other": _l("%(n)s supporters"),
    "supporters.none": _l("No supporter yet"),
    "error.offline": _l("You are offline; try again when the connection is back."),
    "error.timeout": _l("The server did not answer in time; try again."),
    "gone.deleted": _l("This workshop has been deleted."),
    "copied": _l("Copied"),
    "count_over": _l("%(n)s too many"),
}

# At the table (issue 15): writing alone, reactions, "I'm done", who is here, the scribe.
TABLE_TOOLS_PHONE = {
    "only_you": _l("only you"),
    "in_review": _l("waiting for review"),
    "written.none": _l("No note written at this table yet"),
    "written.one": _l("1 note written at this table"),
    "written.other": _l("%(n)s notes written at this table"),
    "reactions_on": _l("Reactions to: %(text)s"),
    "reaction_label": _l("%(name)s: %(n)s"),
    "reaction.+1": _l("Agreed"),
    "reaction.heart": _l("Love it"),
    "reaction.question": _l("I have a question"),
    "reaction.surprise": _l("Surprising"),
    "done_off": _l("I'm done"),
    "done_on": _l("Done ✓"),
    "hand_off": _l("Raise my hand"),
    "hand_on": _l("Hand raised ✋"),
    "here_now": _l("At the table now: %(n)s (%(done)s done)"),
    "hand_up": _l("hand raised"),
    "is_done": _l("finished"),
    "no_phone": _l("no phone"),
    "scribe_myself": _l("Myself"),
    "writing_for": _l("Writing for %(name)s"),
    "vote_for_nobody": _l("Nobody: my own dots above"),
    "vote_for_left": _l("%(name)s: %(n)s of %(total)s dots left"),
    "give_dot_for": _l("Give a dot for %(name)s to: %(text)s"),
    "take_dot_for": _l("Take back a dot of %(name)s from: %(text)s"),
    "support_for_nobody": _l("Nobody: my own supports above"),
    "support_for_left": _l("%(name)s: %(n)s of %(total)s supports left"),
    "support_for_topic": _l("Support for %(name)s: %(title)s"),
    "preview_of": _l(
        "Table %(n)s as a participant seated there sees it. Read-only: nothing can be "
        "written from here."
    ),
}

TABLE_TOOLS_CONSOLE = {
    "reveal": _l("Reveal"),
    "reveal_table_n": _l("Reveal table %(n)s"),
    "done_of": _l("%(n)s of %(total)s"),
    "lower_hand": _l("Lower"),
    "lower_hand_of": _l("Lower the hand of %(name)s"),
    "view_as": _l("As a participant"),
    "view_as_n": _l("View as a participant at table %(n)s"),
    "no_table_yet": _l("No table yet"),
    "approve": _l("Approve"),
    "restore": _l("Restore"),
    "hide": _l("Hide"),
    "hidden_note": _l("hidden"),
    "in_review": _l("waiting for review"),
    "written_alone_mark": _l("written alone"),
    "wall_notes.one": _l("1 note on the wall"),
    "wall_notes.other": _l("%(n)s notes on the wall"),
    "wall_notes.none": _l("No note on the wall yet"),
    "hidden_notes.one": _l("1 hidden"),
    "hidden_notes.other": _l("%(n)s hidden"),
    "hidden_notes.none": _l("none hidden"),
}

SURFACES = {
    "home": {
        "created": _l("Workshop created"),
        "error.generic": _l("Something went wrong; please check the form."),
    },
    "phone": {
        "post": _l("Post"),
        "post_anonymously": _l("Post anonymously"),
        "welcome": _l("Welcome, %(name)s."),
        "next.setup": _l(
            "The workshop starts soon. Keep this page open: it will show you what to do."
        ),
        "next.forum": _l("The open forum is starting: topics will appear here."),
        "next.cafe": _l("The World Café is running: your table will appear here."),
        "next.harvest": _l("The harvest is under way: the synthesis will appear here."),
        "next.closed": _l("The workshop is over. Thank you for taking part!"),
        "gone.removed": _l("The facilitator removed you from this workshop."),
        "gone.not_joined": _l("Your place in this workshop was not found. Join again below."),
        "support": _l("Support"),
        "supported": _l("Supported ✓"),
        "your_support": _l("Your support:"),
        "support_left": _l("%(n)s of %(total)s supports left"),
        "volunteer": _l("I will host it"),
        "error.empty_topic": _l("Give your topic a title."),
        "sit_here": _l("Sit at this table"),
        "sit_at": _l("Sit at the table %(title)s"),
        "seated": _l("%(n)s/%(capacity)s seated"),
        "edit_note": _l("Edit the note"),
        "confirm_delete_note": _l("Delete this note?"),
        "sending": _l("Sending…"),
        "waiting": _l("Waiting for the network…"),
        "under_question": _l("Under which question"),
        "no_question": _l("No particular question"),
        "retry": _l("Try again"),
        "discard": _l("Discard"),
        "not_sent": _l("Not sent:"),
        "you": _l("you"),
        "error.empty_note": _l("Write something first."),
        "round_over": _l("Round %(n)s is over. Thank you!"),
        "no_seat": _l("No table for you yet: ask the facilitator."),
        "you_host": _l("You host this table: stay and welcome the newcomers."),
        "digest": _l("Earlier at this table (%(n)s)"),
        "round_under_way": _l("The round is under way."),
        "hint.before": _l("The round starts when the facilitator says so."),
        "hint.arrive": _l("Go and sit at this table, then tap the button below."),
        "round_over_short": _l("Round %(n)s is over."),
        "time_up.next": _l("Next round: → Table %(n)s · %(title)s"),
        "time_up.stay": _l("You host Table %(n)s: stay, newcomers are on their way."),
        "time_up.wait": _l("Your next table shows here in a moment."),
        "time_up.last": _l("That was the last round: thank you! The harvest comes next."),
        "error.too_long": _l("At most %(max)s characters, please: %(over)s too many."),
        "dots_left": _l("Dots left:"),
        "dots_left_n": _l("%(n)s of %(total)s dots left"),
        "my_dots": _l("Your dots: %(n)s"),
        "all_dots": _l("%(n)s in all"),
        "give_dot_on": _l("Give a dot to: %(text)s"),
        "take_dot_on": _l("Take a dot back from: %(text)s"),
        "dots_none": _l("No dot left: take one back to move it."),
        "vote.here": _l("your table"),
        "vote.before": _l("you sat here"),
        "vote.similar": _l("Close to the note above"),
        "vote.cap.one": _l("1 dot here already: the most per note"),
        "vote.cap.other": _l("%(n)s dots here already: the most per note"),
        "support_none": _l("none left: take one back to support another topic"),
        "after.cafe.title": _l("The café is over"),
        "after.cafe.next": _l(
            "The harvest comes next: the synthesis appears below as the rapporteurs write "
            "it. Meanwhile, what should happen after today? Propose a next step."
        ),
        "after.harvest.title": _l("The harvest"),
        "after.harvest.next": _l(
            "The synthesis is written live: read it below, and propose a next step at the end."
        ),
        "after.closed.title": _l("Thank you, %(name)s!"),
        "after.closed.next": _l(
            "The workshop is over. Here is what it decided; the facilitator will share the "
            "report."
        ),
        "did.supports.one": _l("1 topic supported"),
        "did.supports.other": _l("%(n)s topics supported"),
        "did.dots.one": _l("1 dot given"),
        "did.dots.other": _l("%(n)s dots given"),
        "did.steps.one": _l("1 next step proposed"),
        "did.steps.other": _l("%(n)s next steps proposed"),
        "pending.one": _l("1 waiting"),
        "pending.other": _l("%(n)s waiting"),
        **TABLE_TOOLS_PHONE,
    },
    "screen": {
        "keep_n": _l("the %(n)s most supported become tables"),
        "find_table": _l("Round %(n)s: find your table"),
        "round_over": _l("Round %(n)s is over."),
        "starts_soon": _l("The round starts in a moment."),
        "cafe_done": _l("The café is over. Thank you all!"),
        "earlier.one": _l("+ 1 note from earlier rounds"),
        "earlier.other": _l("+ %(n)s notes from earlier rounds"),
        "folded.one": _l("+ 1 older note"),
        "folded.other": _l("+ %(n)s older notes"),
        "no_dots": _l("No dot for this table yet"),
        "host_mark": _l("host"),
        "votes_open": _l("Vote for the ideas that matter most"),
        "votes_results": _l("The most voted ideas"),
        "votes_rules": _l("%(budget)s dots each, at most %(cap)s on one note"),
        "dots_cast.one": _l("1 dot given"),
        "dots_cast.other": _l("%(n)s dots given"),
        "dots_cast.none": _l("No dot given yet"),
        "people_at.one": _l("1 person"),
        "people_at.other": _l("%(n)s people"),
        "people_at.none": _l("nobody yet"),
        "join_at": _l("Join at"),
        "door_waiting.one": _l("· 1 waiting at the door"),
        "door_waiting.other": _l("· %(n)s waiting at the door"),
        "more_people.one": _l("+ 1 more person"),
        "more_people.other": _l("+ %(n)s more people"),
        "more_topics.one": _l("+ 1 more topic"),
        "more_topics.other": _l("+ %(n)s more topics"),
        "more_voted.one": _l("+ 1 more voted note"),
        "more_voted.other": _l("+ %(n)s more voted notes"),
        "more_parts.one": _l("+ 1 more part"),
        "more_parts.other": _l("+ %(n)s more parts"),
        "more_steps.one": _l("+ 1 more next step"),
        "more_steps.other": _l("+ %(n)s more next steps"),
        "page_of": _l("Page %(page)s of %(pages)s"),
        "no_note_yet": _l("No note yet"),
        "written_alone.none": _l("Writing alone: no note yet"),
        "written_alone.one": _l("Writing alone: 1 note written"),
        "written_alone.other": _l("Writing alone: %(n)s notes written"),
        "hosts_writing": _l("Hosts are writing…"),
        "time_up.move": _l("Time to move!"),
        "time_up.over": _l("Time's up!"),
        "time_up.free": _l("Round %(n)s is over: choose your table for round %(next)s."),
        "time_up.last": _l("That was the last round. Thank you!"),
        "closing.people.one": _l("1 person took part"),
        "closing.people.other": _l("%(n)s people took part"),
        "closing.notes.one": _l("1 note written"),
        "closing.notes.other": _l("%(n)s notes written"),
        "closing.ideas.one": _l("1 retained idea"),
        "closing.ideas.other": _l("%(n)s retained ideas"),
        "fullscreen": _l("Full screen"),
        "leave_fullscreen": _l("Leave full screen"),
        "localhost_warning": _l(
            "Phones cannot reach this address. Start the server with HOST=0.0.0.0 "
            "or set CAFE_PUBLIC_URL."
        ),
    },
    "console": {
        "door.reason.approval": _l("waits for your approval"),
        "door.reason.expected": _l("beyond the people expected"),
        "door.reason.burst": _l("held: many joins from one address"),
        "door.admit": _l("Let in"),
        "door.admit_name": _l("Let %(name)s in"),
        "door.refuse": _l("Turn away"),
        "door.refuse_name": _l("Turn %(name)s away"),
        "door.merge": _l("Already here as…"),
        "door.merge_name": _l("%(name)s is already here as"),
        "door.burst": _l("%(n)s joins from one address in %(s)s s: held"),
        "door.burst_admit": _l("Let them all in"),
        "door.burst_refuse": _l("Turn them all away"),
        "door.admit_all": _l("Let everyone in (%(n)s)"),
        "door.more": _l("and %(n)s more"),
        "door.none": _l("Nobody waits at the door."),
        "door.swept.none": _l("Nobody to remove."),
        "door.swept.one": _l("1 person removed."),
        "door.swept.other": _l("%(n)s people removed."),
        "door.confirm_sweep": _l(
            "Remove everyone who joined in the last %(n)s minutes and never sat, wrote, "
            "supported or voted?"
        ),
        "door.flag.person": _l("%(name)s put all %(n)s dots on “%(note)s”"),
        "door.flag.address": _l(
            "%(people)s people who joined from one address gave all their %(n)s dots to "
            "“%(note)s”"
        ),
        "door.flags_none": _l("Nothing odd: no one put every dot on a single note."),
        "door.no_org": _l("no organisation"),
        "door.dots.one": _l("1 dot"),
        "door.dots.other": _l("%(n)s dots"),
        "confirm.next": _l("Move the workshop to the phase “%(phase)s”?"),
        "confirm.back": _l("Go back to the phase “%(phase)s”?"),
        "confirm.remove": _l(
            "Remove %(name)s? Their phone is disconnected at once; with the code they can "
            "join again, as a new participant."
        ),
        "confirm.delete": _l(
            "This deletes the workshop, its participants and everything they wrote, for good. "
            "Type the code %(code)s to confirm."
        ),
        "deleted": _l("The workshop has been deleted."),
        "confirm.renew_screen": _l(
            "Make a new screen link? A screen showing the old link stops; open the screen "
            "again from here."
        ),
        "remove": _l("Remove"),
        "unauthorized": _l(
            "This console link is not valid. Open the secret link you received when you "
            "created the workshop."
        ),
        "none": _l("Nobody has joined yet. Show the screen: the QR code leads here."),
        "role_label": _l("Role"),
        "console_title": _l("Console"),
        "every_table": _l("every table"),
        "own_table": _l("each at their own table"),
        "voting_open": _l("The vote is open (%(where)s): %(dots)s."),
        "voting_closed": _l("The vote is closed: %(dots)s."),
        "dots.one": _l("1 dot given"),
        "dots.other": _l("%(n)s dots given"),
        "dots.none": _l("no dot given"),
        "round_running": _l("Round %(n)s of %(count)s is under way."),
        "round_paused": _l("Round %(n)s of %(count)s is paused."),
        "round_between": _l("Round %(n)s is over: people move to their tables for round %(next)s."),
        "rounds_done": _l("All %(count)s rounds have been played."),
        "rounds_idle": _l("No round has started yet."),
        "round_start": _l("Start round %(n)s"),
        "plan_rounds": _l("Plan the rounds"),
        "end_round": _l("End round %(n)s"),
        "rapporteur.unknown": _l(
            "“%(name)s”: nobody of that name has joined; the name only heads the report."
        ),
        "rapporteur.joined": _l(
            "%(name)s has joined: they write the synthesis from their phone once they have "
            "the rapporteur role."
        ),
        "rapporteur.writes": _l("%(name)s writes the synthesis from their phone."),
        "rapporteur.give": _l("Make %(name)s a rapporteur"),
        "keep_tables": _l("Make tables of the checked topics"),
        "next_phase_to": _l("Next phase: %(phase)s"),
        "show_seating": _l("Show everyone where to go for round %(n)s"),
        "plan_draft": _l(
            "Only this console sees the plan for now: show it to everyone before round "
            "%(n)s starts."
        ),
        "plan_shown": _l("The phones and the screen show everyone where to go for round %(n)s."),
        "confirm.end_round": _l("End this round now?"),
        "plan_score": _l(
            "Repeated meetings: %(repeats)s (no plan can have fewer than %(repeats_bound)s). "
            "Colleagues at one table: %(colleagues)s."
        ),
        "plan_returns.one": _l(
            "One person goes back to a table they have seen: who is here leaves no other way."
        ),
        "plan_returns.other": _l(
            "%(n)s times someone goes back to a table they have seen: who is here leaves no "
            "other way."
        ),
        "plan_fresh": _l(
            "A fresh plan would do better: repeated meetings %(repeats)s, colleagues at one "
            "table %(colleagues)s, but %(moved)s seats people were told would change. "
            "“Plan again” takes it."
        ),
        "person": _l("Person"),
        "present": _l("Present"),
        "confirm.merge": _l("Merge “%(from)s” into “%(into)s”? Its supporters move over."),
        "confirm.remove_topic": _l(
            "Remove the topic “%(title)s”? Its supporters get their support back."
        ),
        "confirm.replace_tables": _l("Replace the current tables with the checked topics?"),
        "keep": _l("Keep"),
        "topic_title": _l("Topic title"),
        "merge_into": _l("Merge into"),
        "tie": _l(
            "Tie at the cut-off: %(titles)s have as much support as the last topic kept. "
            "Tick the ones you keep."
        ),
        "table_title": _l("Table title"),
        "host": _l("Host"),
        "capacity": _l("Seats"),
        "no_host": _l("No host"),
        "table": _l("Table"),
        "workshop_language.fr": _l("Workshop in French"),
        "workshop_language.en": _l("Workshop in English"),
        **TABLE_TOOLS_CONSOLE,
    },
}


def strings_for(surface: str) -> dict[str, str]:
    """Return the translated strings a surface's script needs, for the current locale."""
    merged = {**COMMON, **OPENSPACE, **harvest_strings(surface), **SURFACES.get(surface, {})}
    return {key: str(value) for key, value in merged.items()}
