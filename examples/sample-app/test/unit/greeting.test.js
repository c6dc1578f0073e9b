import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { greet } from "../../src/greeting.js";

describe("greet", () => {
  it("greets by name", () => {
    assert.equal(greet("Ada"), "Hello, Ada!");
  });

  it("trims surrounding whitespace", () => {
    assert.equal(greet("  Ada \n"), "Hello, Ada!");
  });

  it("greets the world when no name is given", () => {
    assert.equal(greet(), "Hello, world!");
    assert.equal(greet("   "), "Hello, world!");
  });
});
