import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const assets = fileURLToPath(new URL("../packages/weeknight/dist/web/assets/", import.meta.url));
const indexHtml = fileURLToPath(
  new URL("../packages/weeknight/dist/web/index.html", import.meta.url),
);
const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

/**
 * The dashboard's production bundle as a browser downloads it (run `npm run build` first):
 * the main JS chunk (the one index.html loads) and everything, raw and gzipped.
 */
export async function bundleBench(): Promise<Record<string, unknown>> {
  const html = readFileSync(indexHtml, "utf8");
  const main = /<script type="module" crossorigin src="\/assets\/([^"]+\.js)"/.exec(html)?.[1];
  if (!main) throw new Error(`no main script in ${indexHtml}: run npm run build`);
  const files = readdirSync(assets).filter((f) => /\.(js|css)$/.test(f));
  const gzipped = (file: string) => gzipSync(readFileSync(join(assets, file)), { level: 9 }).length;
  const js = files.filter((f) => f.endsWith(".js"));
  return {
    bench: "bundle",
    main_js_kb: kb(statSync(join(assets, main)).size),
    main_js_gzip_kb: kb(gzipped(main)),
    js_chunks: js.length,
    all_js_gzip_kb: kb(js.reduce((sum, f) => sum + gzipped(f), 0)),
    css_gzip_kb: kb(files.filter((f) => f.endsWith(".css")).reduce((s, f) => s + gzipped(f), 0)),
    target_main_js_gzip_kb: 250,
  };
}
