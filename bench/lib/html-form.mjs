// The bench drives the app as a browser without JavaScript does: it reads a page's <form>, keeps the hidden
// fields React rendered for the server action ($ACTION_REF_…, $ACTION_…:…, $ACTION_KEY), adds what a person
// types, and posts it as multipart/form-data. Next.js answers such a post with 303 and the next page's
// address, exactly as for the progressive-enhancement path of a real browser.

const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

export function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e) => {
    if (e[0] === "#")
      return String.fromCodePoint(
        e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10),
      );
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

function attributes(tag) {
  const out = {};
  for (const m of tag.matchAll(/([^\s=<>/"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    const name = m[1].toLowerCase();
    if (name === "input" || name === "button" || name === "form" || name === "textarea" || name === "select")
      continue;
    out[name] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? "");
  }
  return out;
}

/**
 * Every <form> of a page: its attributes, its hidden inputs, the names of its other fields and its submit
 * buttons (name/value, in document order).
 */
export function parseForms(html) {
  const forms = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const form = { attrs: attributes(m[1]), hidden: [], fields: [], buttons: [] };
    for (const t of m[2].matchAll(/<(input|button|textarea|select)\b([^>]*)>/gi)) {
      const kind = t[1].toLowerCase();
      const a = attributes(t[2]);
      if (kind === "input" && (a.type ?? "").toLowerCase() === "hidden") {
        if (a.name) form.hidden.push([a.name, a.value ?? ""]);
      } else if (kind === "button") {
        form.buttons.push({ name: a.name ?? null, value: a.value ?? "" });
      } else if (a.name) {
        form.fields.push(a.name);
      }
    }
    forms.push(form);
  }
  return forms;
}

/** The first form with a field or hidden input of each of these names; throws with the page's forms if none. */
export function findForm(html, names, where = "") {
  const forms = parseForms(html);
  const found = forms.find((f) =>
    names.every((n) => f.fields.includes(n) || f.hidden.some(([h]) => h === n)),
  );
  if (!found) {
    const seen = forms.map((f) => [...f.fields, ...f.hidden.map(([h]) => h)].join(",")).join(" | ");
    throw new Error(`no form with ${names.join(", ")} on ${where || "the page"} (forms: ${seen || "none"})`);
  }
  return found;
}

/** A hidden value of a form, by name. */
export function hiddenValue(form, name) {
  return form.hidden.find(([n]) => n === name)?.[1] ?? null;
}

/**
 * A multipart/form-data body: the form's hidden fields, then `fields` (strings, or files as
 * { filename, type, data }). Returns the body and its Content-Type.
 */
export function multipartBody(form, fields = {}, button = null) {
  const boundary = `----balaghbench${Math.random().toString(16).slice(2)}${Date.now().toString(16)}`;
  const parts = [];
  const add = (name, value) => {
    if (value && typeof value === "object" && "data" in value) {
      parts.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${value.filename}"\r\n` +
            `Content-Type: ${value.type}\r\n\r\n`,
        ),
        Buffer.from(value.data),
        Buffer.from("\r\n"),
      );
    } else {
      parts.push(
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
      );
    }
  };
  const overridden = new Set(Object.keys(fields));
  for (const [name, value] of form.hidden) if (!overridden.has(name)) add(name, value);
  for (const [name, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) add(name, v);
  }
  if (button?.name) add(button.name, button.value);
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
