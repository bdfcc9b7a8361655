// HTML for mails is built only through this tag: every interpolated value is escaped unless it
// is itself SafeHtml (made by this tag), so no name, address or order field a customer typed
// can inject markup into a message.

const SAFE = Symbol("SafeHtml");

export interface SafeHtml {
  readonly [SAFE]: true;
  readonly value: string;
}

const safe = (value: string): SafeHtml => ({ [SAFE]: true, value });

function isSafe(v: unknown): v is SafeHtml {
  return typeof v === "object" && v !== null && SAFE in v;
}

/** Escapes text for an HTML element or a double-quoted attribute. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

type Part = SafeHtml | string | number | null | undefined | false | readonly Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return "";
  if (Array.isArray(part)) return part.map((p: Part) => render(p)).join("");
  if (isSafe(part)) return part.value;
  return escapeHtml(String(part));
}

/** `html\`<p>${name}</p>\`` escapes `name`; nested html`` fragments and arrays of them pass. */
export function html(strings: TemplateStringsArray, ...values: Part[]): SafeHtml {
  let out = strings[0] ?? "";
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? "");
  });
  return safe(out);
}

/** A link only ever to http(s): a javascript: or data: URL in data becomes plain text. */
export function link(href: string, text: string): SafeHtml {
  if (!/^https?:\/\//i.test(href)) return html`${text}`;
  return html`<a href="${href}" style="color:#1d4ed8">${text}</a>`;
}
