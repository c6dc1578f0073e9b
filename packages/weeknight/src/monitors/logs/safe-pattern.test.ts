import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../errors/domain-errors.js";
import { compileSafePattern, hasNestedRepetition } from "./safe-pattern.js";

describe("compileSafePattern", () => {
  it.each([
    "timeout after \\d+ms",
    "^ERROR",
    "(?i)\\b(error|exception|fatal|panic)\\b",
    "ERROR.*timeout",
    "status=5\\d\\d",
    "user (\\d+) (failed|denied)",
  ])("accepts the common pattern %s", (source) => {
    expect(compileSafePattern(source)).toBeInstanceOf(RegExp);
  });

  it("reads a leading (?i) as ignore case", () => {
    const regex = compileSafePattern("(?i)^error");
    expect(regex.flags).toBe("i");
    expect(regex.test("ERROR: boom")).toBe(true);
    expect(compileSafePattern("^error").test("ERROR: boom")).toBe(false);
  });

  it("refuses exponential backtracking with the documented message", () => {
    expect(() => compileSafePattern("(a+)+$")).toThrow(
      new InvalidInputError(
        'pattern "(a+)+$" can take exponential time on some lines (catastrophic backtracking) — rewrite it without nested repetition',
      ),
    );
    expect(() => compileSafePattern("(a|aa)+$")).toThrow(/exponential time/);
  });

  it("refuses polynomial blow-ups from repeated groups or many .* in a row", () => {
    expect(() => compileSafePattern("(.*a){12}")).toThrow(/polynomial time .*nested repetition/);
    expect(() => compileSafePattern(".*a.*b.*c")).toThrow(/polynomial time \(degree \d\)/);
  });

  it.each([
    ["(", /not a valid regular expression \(Unterminated group\)/],
    ["[a-", /not a valid regular expression/],
    ["x{2,1}", /not a valid regular expression/],
    ["a(?s)b", /only a leading \(\?i\)/],
    ["(?i)", /is empty/],
    ["x".repeat(1001), /at most 1000/],
  ])("refuses %s clearly", (source, message) => {
    expect(() => compileSafePattern(source)).toThrow(InvalidInputError);
    expect(() => compileSafePattern(source)).toThrow(message);
  });
});

describe("hasNestedRepetition", () => {
  it.each([
    ["(.*a){12}", true],
    ["(\\w+\\s?)*", true],
    ["(?:a+)+", true],
    ["(a{1,3}){2}", false],
    ["(ab)+", false],
    ["[(]+\\)*", false],
    ["a+(b)?", false],
  ])("%s → %s", (source, nested) => {
    expect(hasNestedRepetition(source)).toBe(nested);
  });
});
