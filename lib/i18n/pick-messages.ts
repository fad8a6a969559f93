/**
 * A subset of the message tree, by dotted paths ("signIn", "adminDecisions.form"): what a page's client
 * components need, so the page does not ship every area's text to the browser. An unknown path is an error,
 * so a renamed namespace is noticed at once rather than as a missing string in a form.
 */
export type MessageTree = { [key: string]: string | MessageTree };

export function pickMessages(all: MessageTree, paths: readonly string[]): MessageTree {
  const out: MessageTree = {};
  for (const path of paths) {
    const keys = path.split(".");
    let from: string | MessageTree = all;
    let to: MessageTree = out;
    keys.forEach((key, i) => {
      if (typeof from === "string" || !(key in from)) throw new Error(`no messages at "${path}"`);
      const next: string | MessageTree = from[key]!;
      if (i === keys.length - 1) {
        to[key] = next;
      } else {
        const existing = to[key];
        if (typeof existing === "string") throw new Error(`"${path}" is inside a string message`);
        to = to[key] = existing ?? {};
      }
      from = next;
    });
  }
  return out;
}
