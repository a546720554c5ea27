// Reading the workshop details form the same way on the home page and in the console.

const LISTS = ["organisations", "animators", "members", "rapporteurs"];

export function readDetails(form) {
  const data = Object.fromEntries(new FormData(form).entries());
  for (const name of LISTS) {
    if (name in data) data[name] = data[name].split(/[\n,;]/).map((s) => s.trim()).filter(Boolean);
  }
  return data;
}

/** Show a workshop's details in `form`, except in the fields named in `skip`. */
export function fillDetails(form, workshop, skip = new Set()) {
  for (const el of form.elements) {
    if (!el.name || !(el.name in workshop) || skip.has(el.name)) continue;
    const value = workshop[el.name];
    el.value = Array.isArray(value) ? value.join(", ") : value ?? "";
  }
}

/**
 * Empty `input` once `sent` (its text when it was sent) is saved, unless the person has
 * typed something else meanwhile: the next title, written while the first was saving.
 */
export function clearIfUnchanged(input, sent) {
  if (input.value === sent) input.value = "";
}
