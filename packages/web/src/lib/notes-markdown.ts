/**
 * A small markdown reader for release notes and announcements: headings, paragraphs, lists,
 * quotes, code, emphasis and http(s)/mailto links. It returns a tree that React renders as
 * elements, so people's text never reaches innerHTML; anything it does not know stays text.
 */

export type Inline =
  | { kind: "text"; text: string }
  | { kind: "code"; text: string }
  | { kind: "strong"; children: Inline[] }
  | { kind: "em"; children: Inline[] }
  | { kind: "link"; href: string; children: Inline[] };

export type Block =
  | { kind: "heading"; level: number; children: Inline[] }
  | { kind: "paragraph"; children: Inline[] }
  | { kind: "list"; ordered: boolean; items: Inline[][] }
  | { kind: "quote"; children: Inline[] }
  | { kind: "code"; text: string }
  | { kind: "rule" };

const HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$/;
const BULLET = /^ {0,3}[-*+][ \t]+(.*)$/;
const NUMBERED = /^ {0,3}\d{1,9}[.)][ \t]+(.*)$/;
const QUOTE = /^ {0,3}>[ \t]?(.*)$/;
const FENCE = /^ {0,3}(```|~~~)/;
const RULE = /^ {0,3}([-*_])([ \t]*\1){2,}[ \t]*$/;
const CONTINUATION = /^( {2,}|\t)(\S.*)$/;

/** Whether a link may be followed: absolute http(s) and mailto only (as the public page). */
export function isSafeLink(url: string): boolean {
  const trimmed = url.trim();
  if (!/^(https?:\/\/|mailto:)/i.test(trimmed)) return false;
  try {
    return ["http:", "https:", "mailto:"].includes(new URL(trimmed).protocol);
  } catch {
    return false;
  }
}

export function parseMarkdown(markdown: string): Block[] {
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length > 0) {
      blocks.push({ kind: "paragraph", children: parseInline(paragraph.join("\n")) });
    }
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const fence = FENCE.exec(line);
    if (fence) {
      flush();
      const body: string[] = [];
      for (i++; i < lines.length && !(lines[i] ?? "").trim().startsWith(fence[1] ?? "```"); i++) {
        body.push(lines[i] ?? "");
      }
      blocks.push({ kind: "code", text: body.join("\n") });
      continue;
    }
    if (line.trim() === "") {
      flush();
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      flush();
      const level = heading[1]?.length ?? 1;
      blocks.push({ kind: "heading", level, children: parseInline(heading[2] ?? "") });
      continue;
    }
    if (RULE.test(line)) {
      flush();
      blocks.push({ kind: "rule" });
      continue;
    }
    const item = BULLET.exec(line) ?? NUMBERED.exec(line);
    if (item) {
      flush();
      const ordered = !BULLET.test(line);
      const items: string[] = [item[1] ?? ""];
      while (i + 1 < lines.length) {
        const next = lines[i + 1] ?? "";
        const sibling = (ordered ? NUMBERED : BULLET).exec(next);
        const more = CONTINUATION.exec(next);
        if (sibling) items.push(sibling[1] ?? "");
        else if (more) items[items.length - 1] += `\n${more[2]}`;
        else break;
        i++;
      }
      blocks.push({ kind: "list", ordered, items: items.map(parseInline) });
      continue;
    }
    const quote = QUOTE.exec(line);
    if (quote) {
      flush();
      const quoted = [quote[1] ?? ""];
      while (i + 1 < lines.length && QUOTE.test(lines[i + 1] ?? "")) {
        quoted.push(QUOTE.exec(lines[++i] ?? "")?.[1] ?? "");
      }
      blocks.push({ kind: "quote", children: parseInline(quoted.join("\n")) });
      continue;
    }
    paragraph.push(line.trim());
  }
  flush();
  return blocks;
}

const PUNCTUATION = /[!-/:-@[-`{-~]/;
const BARE_URL = /https?:\/\/[^\s<>()]*[^\s<>().,;:!?'"*_]/g;

/** Inline markup of one block: escapes, code spans, strong, emphasis, links and bare URLs. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let plain = "";
  const pushText = () => {
    if (plain) out.push(...linkify(plain));
    plain = "";
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? "";
    const next = text[i + 1] ?? "";
    if (c === "\\" && PUNCTUATION.test(next)) {
      plain += next;
      i += 2;
      continue;
    }
    if (c === "`") {
      const run = /^`+/.exec(text.slice(i))?.[0] ?? "`";
      const end = text.indexOf(run, i + run.length);
      if (end !== -1) {
        pushText();
        out.push({ kind: "code", text: text.slice(i + run.length, end).trim() });
        i = end + run.length;
        continue;
      }
    }
    if ((c === "*" || c === "_") && next === c) {
      const end = text.indexOf(c + c, i + 2);
      if (end > i + 2) {
        pushText();
        out.push({ kind: "strong", children: parseInline(text.slice(i + 2, end)) });
        i = end + 2;
        continue;
      }
    }
    if ((c === "*" || c === "_") && next !== " " && !(c === "_" && /\w/.test(text[i - 1] ?? ""))) {
      const end = closingEmphasis(text, c, i + 1);
      if (end !== -1) {
        pushText();
        out.push({ kind: "em", children: parseInline(text.slice(i + 1, end)) });
        i = end + 1;
        continue;
      }
    }
    if (c === "[") {
      const link = /^\[([^\]]*)\]\(([^()\s]*)\)/.exec(text.slice(i));
      if (link && isSafeLink(link[2] ?? "")) {
        pushText();
        out.push({ kind: "link", href: link[2] ?? "", children: parseInline(link[1] ?? "") });
        i += link[0].length;
        continue;
      }
    }
    plain += c;
    i++;
  }
  pushText();
  return out;
}

function closingEmphasis(text: string, marker: string, from: number): number {
  for (let j = from + 1; j < text.length; j++) {
    if (text[j] === "\\") j++;
    else if (text[j] === marker && text[j - 1] !== " " && text[j + 1] !== marker) {
      return marker === "_" && /\w/.test(text[j + 1] ?? "") ? -1 : j;
    }
  }
  return -1;
}

function linkify(text: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const match of text.matchAll(BARE_URL)) {
    const start = match.index ?? 0;
    if (start > last) out.push({ kind: "text", text: text.slice(last, start) });
    out.push({ kind: "link", href: match[0], children: [{ kind: "text", text: match[0] }] });
    last = start + match[0].length;
  }
  if (last < text.length) out.push({ kind: "text", text: text.slice(last) });
  return out;
}

/** The plain text of inline markup, e.g. for a title attribute or a search. */
export function inlineText(nodes: Inline[]): string {
  return nodes.map((n) => ("children" in n ? inlineText(n.children) : n.text)).join("");
}
