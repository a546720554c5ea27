// Writes that must not be lost: kept in localStorage until the server acknowledges them,
// sent in order when the connection is back. Each carries a client-made "op" id, so a
// write sent twice (the ack was lost) is applied once.

import { newId } from "./ids.js";

// unconfirmed: stored but not yet on a replica; sent again with its op, it is applied once.
const RETRYABLE = new Set([
  "offline", "timeout", "unavailable", "unconfirmed", "server_error", "rate_limited",
]);

export class Outbox {
  constructor(storageKey, onChange) {
    this.key = storageKey;
    this.onChange = onChange;
    this.items = this.load();
    this.sending = false;
    this.send = null; // set by the connection: (event, payload) => Promise<ack>
    this.refusal = null; // the last write refused for good that had nothing typed in it
  }

  load() {
    try {
      return JSON.parse(localStorage.getItem(this.key)) || [];
    } catch {
      return [];
    }
  }

  save() {
    localStorage.setItem(this.key, JSON.stringify(this.items));
    this.onChange();
  }

  /** Queue a write; it is sent now if possible, later otherwise. */
  add(event, payload) {
    const item = { op: newId(), event, payload: { ...payload }, at: Date.now(), error: null };
    item.payload.op = item.op;
    this.items.push(item);
    this.save();
    this.flush();
    return item;
  }

  pending() {
    return this.items.filter((i) => !i.error);
  }

  failed() {
    return this.items.filter((i) => i.error);
  }

  discard(op) {
    this.items = this.items.filter((i) => i.op !== op);
    this.save();
  }

  retry(op) {
    const item = this.items.find((i) => i.op === op);
    if (item) item.error = null;
    this.save();
    this.flush();
  }

  /** Send the waiting writes one by one, in order, until one cannot go through. */
  async flush() {
    if (this.sending || !this.send) return;
    this.sending = true;
    try {
      for (const item of [...this.items]) {
        if (item.error) continue;
        const ack = await this.send(item.event, item.payload);
        if (ack.ok) {
          this.items = this.items.filter((i) => i.op !== item.op);
          this.refusal = null;
        } else if (RETRYABLE.has(ack.error.code)) {
          break; // keep it and everything after it, in order, for the next attempt
        } else if (item.payload.text || item.payload.title) {
          item.error = ack.error; // what was typed is shown to the person, never dropped
        } else {
          // A refused dot or support is simply not given: nothing typed is lost, so it
          // goes, and the page says why (`refusal`) until the next write goes through.
          this.items = this.items.filter((i) => i.op !== item.op);
          this.refusal = ack.error;
        }
        this.save();
      }
    } finally {
      this.sending = false;
    }
  }
}
