// The live connection: Socket.IO, catching up after every (re)connection, and sending
// acknowledged actions. Events arriving while a catch-up is under way wait their turn.

import { io } from "../../vendor/socket.io.esm.min.js";
import { t } from "./i18n.js";
import { Outbox } from "./outbox.js";
import { applyEvent, applySnapshot, dropUnfollowed, emptyState } from "./state.js";

const ACK_TIMEOUT = 8000;
const RETRY_AFTER = 3000;
// Refusals that pass: the server lost its database for a moment, or asks us to slow down.
const TRANSIENT = new Set(["unavailable", "rate_limited"]);
// Held at the door until the facilitator lets this device in: ask again, quietly.
const AT_DOOR = "waiting";

/**
 * Connect to a workshop. `auth()` returns the auth payload; `onChange(state)` redraws;
 * `onStatus(status)` shows connecting / online / reconnecting / offline;
 * `onRefused(error)` is told when the server will not let us in. With `outboxKey`,
 * writes sent through `queue()` survive going offline and reloading the page.
 */
export function connect({ auth, onChange, onStatus = () => {}, onRefused = () => {}, outboxKey = null }) {
  const state = emptyState();
  let catchingUp = false;
  let again = false;
  let waiting = [];
  let clockOffset = 0;
  let status = "connecting";
  let drawing = false;

  const socket = io({ auth: (cb) => cb(auth()), reconnectionDelayMax: 4000 });
  const outbox = outboxKey ? new Outbox(outboxKey, () => onChange(state)) : null;

  // A burst of events (a reveal, a replay, a rapporteur typing) is drawn once per frame:
  // a crowded screen takes longer to draw than events take to arrive.
  function changed() {
    if (drawing) return;
    drawing = true;
    const draw = () => {
      drawing = false;
      onChange(state);
    };
    if (document.hidden) setTimeout(draw, 100);
    else requestAnimationFrame(draw);
  }

  function setStatus(next) {
    status = next;
    onStatus(next);
  }

  async function catchUp() {
    if (catchingUp) {
      again = true; // one more round once this one is done
      return;
    }
    catchingUp = true;
    const started = Date.now();
    let reply;
    try {
      reply = await socket.timeout(ACK_TIMEOUT).emitWithAck("sync", {
        since: state.workshop ? { ...state.seqs } : null,
      });
    } catch {
      catchingUp = false;
      socket.disconnect().connect(); // no answer: start over with a fresh connection
      return;
    }
    const ended = Date.now();
    if (!reply.ok && TRANSIENT.has(reply.error.code)) {
      catchingUp = false; // the server is there but cannot answer yet: try again soon
      setStatus("unavailable");
      setTimeout(catchUp, RETRY_AFTER);
      return;
    }
    if (!reply.ok) {
      catchingUp = false;
      waiting = [];
      onRefused(reply.error);
      socket.disconnect();
      return;
    }
    clockOffset = reply.now - (started + ended) / 2;
    state.me = reply.me;
    state.scopes = reply.scopes;
    if (reply.snapshot) {
      applySnapshot(state, reply.snapshot, reply.scopes);
    } else {
      for (const event of reply.events) applyEvent(state, event);
      for (const scope of reply.scopes) state.seqs[scope] = Math.max(state.seqs[scope] ?? 0, reply.head);
      dropUnfollowed(state);
    }
    for (const event of waiting.splice(0)) applyEvent(state, event);
    catchingUp = false;
    setStatus("online");
    changed();
    if (again) {
      again = false;
      catchUp();
    } else if (outbox) {
      outbox.flush();
    }
  }

  socket.on("connect", () => {
    setStatus("connecting");
    catchUp();
  });
  socket.on("disconnect", (reason) => {
    // Cut by the server (a renewed link, a flood): try once more; a refusal then says why.
    if (reason === "io server disconnect" && !state.gone) socket.connect();
    setStatus(socket.active ? "reconnecting" : "offline");
  });
  socket.on("connect_error", (err) => {
    if (socket.active) {
      setStatus("reconnecting");
    } else if (err.data?.code === AT_DOOR) {
      setStatus("waiting");
      setTimeout(() => socket.connect(), RETRY_AFTER);
    } else if (TRANSIENT.has(err.data?.code)) {
      setStatus(err.data.code === "unavailable" ? "unavailable" : "reconnecting");
      setTimeout(() => socket.connect(), RETRY_AFTER);
    } else {
      onRefused(err.data || { code: "refused", message: err.message });
    }
  });
  socket.on("event", (event) => {
    if (catchingUp) {
      waiting.push(event);
      return;
    }
    if (!applyEvent(state, event)) return;
    changed();
    if (state.gone) socket.disconnect();
  });
  // The server asks for a new sync when what this client follows or may do changes (a
  // seat, a vote, a role, a table), and after it lost events (its Redis came back).
  socket.on("resync", () => catchUp());
  socket.on("server_status", (news) => {
    if (!news.database) setStatus("unavailable");
    else if (status === "unavailable") setStatus("online");
  });

  // A phone waking from sleep may hold a dead connection, or wait out a reconnection
  // delay: catch up (or reconnect) as soon as the page is looked at again.
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState !== "visible") return;
    if (socket.connected) catchUp();
    else if (socket.active) socket.connect();
  });

  /** Send an action; resolves to its acknowledgement, {ok:false} when offline or late. */
  async function send(event, payload = {}) {
    if (!socket.connected || status !== "online") {
      return { ok: false, error: { code: "offline", message: t("error.offline") } };
    }
    try {
      return await socket.timeout(ACK_TIMEOUT).emitWithAck(event, payload);
    } catch {
      return { ok: false, error: { code: "timeout", message: t("error.timeout") } };
    }
  }

  if (outbox) {
    outbox.send = send;
    setInterval(() => outbox.pending().length && outbox.flush(), 5000);
  }

  return {
    state,
    send,
    outbox,
    /** Queue a write that must survive going offline (needs `outboxKey`). */
    queue: (event, payload) => outbox.add(event, payload),
    socket,
    /** The server's clock in ms, as measured when we last caught up. */
    serverNow: () => Date.now() + clockOffset,
    redraw: () => onChange(state),
    close: () => socket.disconnect(),
  };
}
