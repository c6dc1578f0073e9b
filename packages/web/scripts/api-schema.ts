// Generates src/api/schema.d.ts, the dashboard's types for the HTTP API, from the server's own
// OpenAPI document, so the dashboard uses only what the API documents. api-schema.integration.test.ts
// fails until the committed file matches. Run: npm run api-schema -w @weeknight/web
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import { stopLocalAgent } from "../../weeknight/src/main/local-agent.js";
import { startServer } from "../../weeknight/src/main/server.js";
import { readSettings } from "../../weeknight/src/main/settings.js";

export const schemaPath = fileURLToPath(new URL("../src/api/schema.d.ts", import.meta.url));

const HEADER =
  "// Generated from the server's OpenAPI document by scripts/api-schema.ts; do not edit.\n";

/** The server's OpenAPI document, from a throwaway server on an empty SQLite home. */
export async function openApiDocument(): Promise<Record<string, unknown>> {
  const home = mkdtempSync(join(tmpdir(), "weeknight-openapi-"));
  const server = await startServer({
    settings: readSettings({ WEEKNIGHT_HOME: home, WEEKNIGHT_PORT: "0" }),
  });
  try {
    return server.app.swagger() as unknown as Record<string, unknown>;
  } finally {
    await server.close();
    await stopLocalAgent(home);
    rmSync(home, { recursive: true, force: true });
  }
}

export async function renderApiSchema(): Promise<string> {
  const ast = await openapiTS(JSON.parse(JSON.stringify(await openApiDocument())));
  return HEADER + astToString(ast);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(schemaPath, await renderApiSchema());
  console.log(`wrote ${schemaPath}`);
}
