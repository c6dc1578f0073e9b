import { fingerprintOf, templateOf } from "./log-templates.js";

/** An error pattern as the API shows it. */
export interface KnownPattern {
  template: string;
  fingerprint: string;
  /** When it was first seen (epoch ms) and in which release. */
  firstSeen: number;
  firstRelease: string | null;
  lastSeen: number;
  count: number;
}

export interface PatternBook {
  /** Records one error line. */
  note(text: string, at: number, release: string | null): void;
  /** Patterns first seen at or after `since` and seen again after `seenAfter`, most frequent first. */
  firstSeenSince(since: number, seenAfter: number): KnownPattern[];
  /** All patterns, most recently seen first. */
  list(): KnownPattern[];
}

/** A pattern seen again moves to the young end of the book at most this often (cheap LRU). */
const REFRESH_MS = 60_000;

/**
 * The error patterns of one monitor, bounded: the least recently seen are forgotten first. A Map
 * keeps insertion order, so its first entry is the one to forget.
 */
export function createPatternBook(deps: {
  max: number;
  known?: readonly KnownPattern[];
}): PatternBook {
  const book = new Map<string, KnownPattern & { movedAt: number }>();
  const byAge = [...(deps.known ?? [])].sort((a, b) => a.lastSeen - b.lastSeen);
  for (const known of byAge.slice(-deps.max)) {
    book.set(known.template, { ...known, movedAt: known.lastSeen });
  }

  return {
    note(text, at, release) {
      const template = templateOf(text);
      const entry = book.get(template);
      if (entry) {
        entry.count++;
        if (at > entry.lastSeen) entry.lastSeen = at;
        if (at < entry.firstSeen) {
          entry.firstSeen = at;
          entry.firstRelease = release;
        }
        if (at - entry.movedAt > REFRESH_MS) {
          book.delete(template);
          book.set(template, entry);
          entry.movedAt = at;
        }
        return;
      }
      if (book.size >= deps.max) {
        const oldest = book.keys().next();
        if (!oldest.done) book.delete(oldest.value);
      }
      book.set(template, {
        template,
        fingerprint: fingerprintOf(template),
        firstSeen: at,
        firstRelease: release,
        lastSeen: at,
        count: 1,
        movedAt: at,
      });
    },
    firstSeenSince(since, seenAfter) {
      const found: KnownPattern[] = [];
      for (const entry of book.values()) {
        if (entry.firstSeen >= since && entry.lastSeen > seenAfter) found.push(strip(entry));
      }
      return found.sort((a, b) => b.count - a.count || a.firstSeen - b.firstSeen);
    },
    list() {
      return [...book.values()].map(strip).sort((a, b) => b.lastSeen - a.lastSeen);
    },
  };
}

function strip(entry: KnownPattern): KnownPattern {
  const { template, fingerprint, firstSeen, firstRelease, lastSeen, count } = entry;
  return { template, fingerprint, firstSeen, firstRelease, lastSeen, count };
}
