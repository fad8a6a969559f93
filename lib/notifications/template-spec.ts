/**
 * How a message the service sends is declared. The words live in the catalogues
 * (`messages/templates-<audience>/<locale>.json`, ICU messages like every page's text); the code declares
 * only each template's channel and the kind of each parameter, from which the parameters' TypeScript type
 * and their formatting in the reader's language both follow. Adding a message = its catalogue entries in
 * every locale of its audience + one entry in a registry built with `defineTemplates` (see README,
 * "Messages the service sends").
 */

/**
 * The kind of one parameter, which says what callers pass and what the message receives:
 * - `text`: a string, shown as given (names, references, links, codes);
 * - `number`: a number, formatted for the reader's locale by the message format;
 * - `date`: a calendar date `YYYY-MM-DD`, written out in the reader's language (Muscat time);
 * - `omr`: an amount in integer baisa, written as Omani rials with three decimals in the reader's language;
 * - `reason`: a staff decision's reason code, written as its words from `adminDecisions.reasons`;
 * - `flag`: a boolean, which the message reads as `{name, select, yes {…} other {…}}`;
 * - a list of words (`["approved", "rejected"]`): one of them, read with `{name, select, …}`;
 * - `text?` and `date?`: the same, or `null`; the message then also gets `has<Name>` ("yes"/"no"), to
 *   write a sentence only when the value is there: `{hasNote, select, yes {…{note}…} other {}}`.
 */
export type ParamKind =
  "text" | "text?" | "number" | "date" | "date?" | "omr" | "reason" | "flag" | readonly string[];

type ValueOf<K> = K extends "text" | "date" | "reason"
  ? string
  : K extends "text?" | "date?"
    ? string | null
    : K extends "number" | "omr"
      ? number
      : K extends "flag"
        ? boolean
        : K extends readonly (infer W)[]
          ? W
          : never;

export type TemplateSpec = {
  channel: "sms" | "email";
  /**
   * An e-mail that carries both Arabic and English, the reader's language first: the subject is
   * "reader's / other's" and the body the reader's text, a separator, then the other's.
   */
  bilingual?: boolean;
  params: Readonly<Record<string, ParamKind>>;
};

/** The parameters a template with these kinds takes. */
export type ParamsOf<S extends TemplateSpec> = {
  -readonly [F in keyof S["params"]]: ValueOf<S["params"][F]>;
};

/** A registry of templates, checked against `TemplateSpec` while keeping each entry's literal kinds. */
export function defineTemplates<const R extends Record<string, TemplateSpec>>(registry: R): R {
  return registry;
}

/** The name of the yes/no argument that says whether an optional parameter has a value: note → hasNote. */
export function presenceArgument(name: string): string {
  return `has${name[0]!.toUpperCase()}${name.slice(1)}`;
}
