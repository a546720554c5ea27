// Client-made ids: random, URL-safe. crypto.randomUUID needs a secure context, which a
// phone on a plain-HTTP LAN address does not have; getRandomValues works everywhere.

const ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

export function newId(length = 20) {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join("");
}
