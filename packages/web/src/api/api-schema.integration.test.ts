import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { renderApiSchema, schemaPath } from "../../scripts/api-schema.js";

it("the dashboard's API types match the server's OpenAPI document", async () => {
  const committed = readFileSync(schemaPath, "utf8");
  // On failure run `npm run api-schema -w @weeknight/web` and commit the result.
  expect(committed).toBe(await renderApiSchema());
});
