// The live connection: Socket.IO, catching up after every (re)connection, and sending
// acknowledged actions. Events arriving while a catch-up is under way wait their turn.

import { io } from "../../vendor/socket.io.esm.min.js";
import { applyEvent, applySnapshot, emptyState } from "./state.js";
import { t } from "./i18n.js";

const ACK_TIMEOUT = 8000;

/**
 * Connect to a workshop. `auth()` returns the auth payload; `onChange(state)` redraws;
 * `onStatus(status)` shows connecting / online / reconnecting / offline;
 * `onRefused(error)` is told when the server will not let us in.
 */
export function connect({ auth, onChange, onStatus = () => {}, onRefused = () => {} }) {
  const state = emptyState();
  let catchingUp = false;
  let waiting = [];
  let clockOffset = 0;

  const socket = io({ auth: (cb) => cb(auth()), reconnectionDelayMax: 4000 });

  async function catchUp() {
    catchingUp = true;
    const hasState = state.workshop !== null;
    const started = Date.now();
    let reply;
    try {
      reply = await socket.timeout(ACK_TIMEOUT).emitWithAck("sync", {
        since: hasState ? { ...state.seqs } : null,
      });
    } catch {
      catchingUp = false;
      socket.disconnect().connect(); // no answer: start over with a fresh connection
      return;
    }
    const ended = Date.now();
    if (!reply.ok) {
      catchingUp = false;
      waiting = [];
      onRefused(reply.error);
      socket.disconnect();
      return;
    }
    clockOffset = reply.now - (started + ended) / 2;
    state.me = reply.me;
    const scopes = reply.scopes || ["w"];
    if (reply.snapshot) {
      applySnapshot(state, reply.snapshot, scopes);
    } else {
      for (const event of reply.events) applyEvent(state, event);
      for (const scope of scopes) state.seqs[scope] = Math.max(state.seqs[scope] ?? 0, reply.head);
    }
    for (const event of waiting.splice(0)) applyEvent(state, event);
    catchingUp = false;
    onStatus("online");
    onChange(state);
  }

  socket.on("connect", () => {
    onStatus("connecting");
    catchUp();
  });
  socket.on("disconnect", () => onStatus(socket.active ? "reconnecting" : "offline"));
  socket.on("connect_error", (err) => {
    if (socket.active) onStatus("reconnecting");
    else onRefused(err.data || { code: "refused", message: err.message });
  });
  socket.on("event", (event) => {
    if (catchingUp) {
      waiting.push(event);
    } else if (applyEvent(state, event)) {
      onChange(state);
      if (state.gone) socket.disconnect();
    }
  });
  socket.on("resync", () => catchUp());

  /** Send an action; resolves to its acknowledgement, {ok:false} when offline or late. */
  async function send(event, payload = {}) {
    if (!socket.connected) return { ok: false, error: { code: "offline", message: t("error.offline") } };
    try {
      return await socket.timeout(ACK_TIMEOUT).emitWithAck(event, payload);
    } catch {
      return { ok: false, error: { code: "timeout", message: t("error.timeout") } };
    }
  }

  return {
    state,
    send,
    socket,
    /** The server's clock in ms, as measured when we last caught up. */
    serverNow: () => Date.now() + clockOffset,
    close: () => socket.disconnect(),
  };
}
