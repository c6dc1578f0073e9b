/**
 * Whether an `If-None-Match` header names `etag` (or is `*`). Weak comparison, as RFC 9110 asks
 * for GET: `W/"a"` matches `"a"`, and either side may be weak.
 */
export function etagMatches(header: string | string[] | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const wanted = etag.replace(/^W\//, "");
  const tags = (Array.isArray(header) ? header.join(",") : header).split(",");
  return tags.some((tag) => {
    const t = tag.trim();
    return t === "*" || t.replace(/^W\//, "") === wanted;
  });
}
