// The phone during the café: choosing a table, the table's board, writing notes.

import { $, h, setText, show, syncList } from "../lib/dom.js";
import { clearIfUnchanged } from "../lib/forms.js";
import { limited } from "../lib/counter.js";
import { page, t } from "../lib/i18n.js";
import { may, notesAt, planned, questionsAt, seatCount, tableList } from "../lib/state.js";
import { carriedLine } from "./carry.js";
import { renderBrief } from "./brief.js";
import { renderScribe } from "./scribe.js";
import { renderTogether, shownNotes, updateReactions, visibilityLabel } from "./together.js";

let editing = null; // the id of the note whose editor is open

// --- Choosing a table ------------------------------------------------------------------

let seatsTimer = null;

/** Ask how full the tables are: only phones choosing a table need it, so they pull it. */
async function refreshSeats(state, live) {
  const reply = await live.send("tables_seated");
  if (!reply.ok) return;
  state.crowd.seated = reply.seated;
  live.redraw();
}

export function renderChoice(state, live) {
  if (!seatsTimer) {
    refreshSeats(state, live);
    seatsTimer = setInterval(() => {
      if ($("#choose").hidden) {
        clearInterval(seatsTimer);
        seatsTimer = null;
      } else {
        refreshSeats(state, live);
      }
    }, 4000);
  }
  syncList(
    $("#table-choices"),
    tableList(state),
    (table) => table.id,
    (table) => {
      const button = h("button", { type: "button", class: "primary" }, t("sit_here"));
      button.addEventListener("click", async () => {
        const reply = await live.send("seat_take", { table: table.id });
        setText($("#choose-error"), reply.ok ? "" : reply.error.message);
      });
      return h(
        "li",
        { class: "card table-choice" },
        h("p", { class: "eyebrow number" }),
        h("h2", { class: "title" }),
        h("p", { class: "muted meta" }),
        button,
      );
    },
    (li, table) => {
      setText(li.querySelector(".number"), t("table_n", { n: table.number }));
      setText(li.querySelector(".title"), table.title);
      const seated = seatCount(state, table.id);
      const parts = [t("seated", { n: seated, capacity: table.capacity })];
      if (table.host) parts.unshift(t("hosted_by", { name: table.host_name }));
      setText(li.querySelector(".meta"), parts.join(" · "));
      li.querySelector("button").disabled = seated >= table.capacity;
      li.querySelector("button").setAttribute("aria-label", t("sit_at", { title: table.title }));
    },
  );
}

// --- The board -------------------------------------------------------------------------

function mayChange(state, note, table) {
  const mine = note.author === state.me.participant.id || state.mine.notes.has(note.id);
  return mine || may(state, "tend", table.id);
}

function waitingNotes(live, tableId) {
  return live.outbox
    .pending()
    .filter((item) => item.event === "note_post" && item.payload.table === tableId)
    .filter((item) => !live.state.notes.has(item.payload.id))
    .map((item) => ({ ...item.payload, waiting: true, created_at: item.at / 1000 }));
}

function editor(live, note, table) {
  const text = limited(h("textarea", { rows: 3, "aria-label": t("edit_note") }, note.text), page.limits?.note);
  const question = questionSelect(live.state, table.id, note.question);
  const error = h("p", { class: "form-error", role: "alert" });
  const base = { table: note.table, id: note.id };
  const done = (reply) => {
    if (reply.ok) editing = null;
    else setText(error, reply.error.message);
    live.redraw();
  };
  const save = h("button", { type: "button", class: "primary small" }, t("save"));
  save.addEventListener("click", async () => {
    if ((question.value || null) !== note.question) {
      const moved = await live.send("note_move", { ...base, question: question.value || null });
      if (!moved.ok) return done(moved);
    }
    const current = live.state.notes.get(note.id) ?? note;
    if (text.value.trim() === current.text) return done({ ok: true });
    done(await live.send("note_edit", { ...base, text: text.value, version: current.version }));
  });
  const remove = h("button", { type: "button", class: "small danger-text" }, t("delete"));
  remove.addEventListener("click", async () => {
    if (confirm(t("confirm_delete_note"))) done(await live.send("note_delete", base));
  });
  const cancel = h("button", { type: "button", class: "small" }, t("cancel"));
  cancel.addEventListener("click", () => done({ ok: true }));
  return h("div", { class: "note-editor" }, text, question, h("div", { class: "inline" }, save, remove, cancel), error);
}

function noteElement() {
  return h("li", { class: "note" }, h("p", { class: "note-text" }), h("footer", { class: "note-foot" }));
}

function updateNote(state, live, table) {
  return (li, note) => {
    li.className = `note note-${note.colour}${note.waiting ? " waiting" : ""}${li.classList.contains("enter") ? " enter" : ""}`;
    setText(li.querySelector(".note-text"), note.text);
    const foot = li.querySelector(".note-foot");
    const author = note.anonymous ? t("anonymous") : note.author_name;
    if (editing === note.id && !note.waiting) {
      if (!li.querySelector(".note-editor")) li.append(editor(live, note, table));
      foot.replaceChildren(h("span", { class: "author" }, author));
      return;
    }
    li.querySelector(".note-editor")?.remove();
    const parts = [h("span", { class: "author" }, author), visibilityLabel(note)];
    if (note.carried) parts.push(h("span", { class: "carried" }, carriedLine(note)));
    if (note.waiting) {
      parts.push(h("span", { class: "waiting-label" }, live.socket.connected ? t("sending") : t("waiting")));
    } else if (mayChange(state, note, table)) {
      const edit = h("button", { type: "button", class: "link small", "aria-label": `${t("edit")}: ${note.text.slice(0, 40)}` }, t("edit"));
      edit.addEventListener("click", () => {
        editing = note.id;
        live.redraw();
      });
      parts.push(edit);
    }
    foot.replaceChildren(...parts.filter(Boolean));
    updateReactions(li, state, live, note);
  };
}

function questionSelect(state, tableId, selected) {
  const select = h(
    "select",
    { "aria-label": t("under_question") },
    h("option", { value: "" }, t("no_question")),
    questionsAt(state, tableId).map((q) => h("option", { value: q.id }, q.text)),
  );
  select.value = selected ?? "";
  return select;
}

/** The Post button says when a note goes out without its author's name: the box stays
 * ticked from one note to the next, and nobody should be named, or not, by surprise. */
function labelPost(state) {
  const anonymous = $("#f-anonymous").checked && state.workshop.settings.allow_anonymous;
  setText($("#compose .send"), t(anonymous ? "post_anonymously" : "post"));
}

function renderFailed(live) {
  const failed = live.outbox.failed();
  show($("#failed"), failed.length > 0);
  $("#failed").replaceChildren(
    ...failed.map((item) => {
      const retry = h("button", { type: "button", class: "small" }, t("retry"));
      retry.addEventListener("click", () => live.outbox.retry(item.op));
      const discard = h("button", { type: "button", class: "small danger-text" }, t("discard"));
      discard.addEventListener("click", () => live.outbox.discard(item.op));
      const text = item.payload.text || item.payload.title || "";
      return h("div", { class: "notice error" }, h("p", {}, `${t("not_sent")} « ${text.slice(0, 80)} » — ${item.error.message}`), retry, discard);
    }),
  );
}

function renderBoard(container, state, live, table, notes, questions) {
  const loose = (n) => !n.question || !state.questions.has(n.question);
  const groups = [...questions.map((q) => ({ id: q.id, title: q.text })), { id: "", title: questions.length ? t("other_ideas") : "" }];
  syncList(
    container,
    groups.filter((g) => g.id || notes.some(loose)),
    (group) => group.id || "loose",
    () => h("section", { class: "note-group" }, h("h2", {}), h("ul", { class: "notes" })),
    (el, group) => {
      setText(el.querySelector("h2"), group.title);
      show(el.querySelector("h2"), Boolean(group.title));
      const mine = notes.filter((n) => (group.id ? n.question === group.id : loose(n)));
      syncList(el.querySelector("ul"), mine, (n) => n.id, noteElement, updateNote(state, live, table));
    },
  );
}

let digestRound = null; // the round for which the digest was last opened for the host

export function renderTable(state, live, tableId) {
  const table = state.tables.get(tableId);
  if (!table) return;
  const me = state.me.participant;
  const rounds = planned(state) ? state.rounds.current : 0;
  setText($("#table-number"), rounds ? `${t("table_n", { n: table.number })} · ${t("round_n", { n: rounds })}` : t("table_n", { n: table.number }));
  setText($("#table-title"), table.title);
  setText($("#table-host"), table.host ? t("hosted_by", { name: table.host === me.id ? t("you") : table.host_name }) : "");
  const tends = may(state, "tend", table.id);
  show($("#host-tools"), tends);
  show($("#change-table"), Boolean(state.me.may?.choose_table));
  show($("#anonymous-label"), state.workshop.settings.allow_anonymous);
  labelPost(state);
  renderFailed(live);

  const questions = questionsAt(state, tableId);
  const select = $("#f-note-question");
  const chosen = select.value;
  select.replaceChildren(
    h("option", { value: "" }, t("no_question")),
    ...questions.map((q) => h("option", { value: q.id }, q.text)),
  );
  select.value = questions.some((q) => q.id === chosen) ? chosen : "";
  show(select, questions.length > 0);

  renderTogether(state, live, tableId);
  renderScribe(state, live, tableId);
  const all = [...waitingNotes(live, tableId), ...shownNotes(notesAt(state, tableId))];
  const earlier = rounds > 1 ? all.filter((n) => !n.waiting && n.round < rounds) : [];
  const now = all.filter((n) => !earlier.includes(n));
  show($("#board-empty"), now.length === 0);
  renderBoard($("#board"), state, live, table, now, questions);

  // The arrival digest: what earlier rounds wrote here, for the host to recap.
  const digest = $("#digest");
  show(digest, earlier.length > 0);
  setText($("#digest-title"), t("digest", { n: earlier.length }));
  if (earlier.length && table.host === me.id && digestRound !== rounds) {
    digest.open = true;
    digestRound = rounds;
  }
  renderBoard($("#digest-board"), state, live, table, earlier, questions);
  // The host's brief for the newcomers heads the digest, opened with it at each rotation.
  renderBrief($("#digest-brief"), state, live, table.id, table.host === me.id && rounds > 1);
}

export function wireTable(getLive) {
  $("#f-anonymous").addEventListener("change", () => labelPost(getLive().state));

  const questionForm = $("#question-form");
  questionForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const live = getLive();
    const tableId = live.state.me.seat;
    const text = questionForm.elements.text.value;
    const reply = await live.send("question_add", { table: tableId, text });
    setText($("#question-error"), reply.ok ? "" : reply.error.message);
    if (reply.ok) clearIfUnchanged(questionForm.elements.text, text);
  });

  $("#change-table").addEventListener("click", async () => {
    const live = getLive();
    const reply = await live.send("seat_take", { table: null });
    if (!reply.ok) alert(reply.error.message);
  });
}
