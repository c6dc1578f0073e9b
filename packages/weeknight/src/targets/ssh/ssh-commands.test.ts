import { describe, expect, it } from "vitest";
import { parseState, shellQuote } from "./ssh-commands.js";

describe("shellQuote", () => {
  it("leaves plain words bare and quotes the rest, quotes included", () => {
    expect(shellQuote("/srv/app/releases/b12-d7")).toBe("/srv/app/releases/b12-d7");
    expect(shellQuote("my app")).toBe("'my app'");
    expect(shellQuote("it's $HOME")).toBe("'it'\\''s $HOME'");
    expect(shellQuote("")).toBe("''");
  });
});

describe("parseState", () => {
  it("reads the current and previous release ids", () => {
    expect(parseState("current=b12-d7\nprevious=b11-d6")).toEqual({
      current: "b12-d7",
      previous: "b11-d6",
    });
    expect(parseState("")).toEqual({ current: null, previous: null });
  });
});
