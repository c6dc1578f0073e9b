/**
 * Matches text against a `pat()` glob: `*` is any run of characters, `?` one character, the rest
 * literal. Greedy with one backtrack point (the last `*`), so a 1 MiB body costs at most
 * length × pattern steps — no regular expression that could backtrack catastrophically.
 */
export function globMatch(glob: string, text: string): boolean {
  let g = 0;
  let t = 0;
  let starG = -1;
  let starT = 0;
  while (t < text.length) {
    const c = glob[g];
    if (c === "*") {
      starG = g++;
      starT = t;
    } else if (g < glob.length && (c === "?" || c === text[t])) {
      g++;
      t++;
    } else if (starG >= 0) {
      g = starG + 1;
      t = ++starT;
    } else {
      return false;
    }
  }
  while (glob[g] === "*") g++;
  return g === glob.length;
}
