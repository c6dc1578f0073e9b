import { describe, expect, it } from "vitest";
import { fixedIncidents, parseTrailers, riskTrailer } from "./commit-trailers.js";

describe("parseTrailers", () => {
  it("reads the Key: value lines of the last paragraph", () => {
    const message =
      "Fix rounding\n\nThe body: not a trailer.\n\nRisk: high\nSigned-off-by: Ada <a@x>";
    expect(parseTrailers(message)).toEqual([
      { key: "Risk", value: "high" },
      { key: "Signed-off-by", value: "Ada <a@x>" },
    ]);
  });

  it("never reads the subject, even when it looks like a trailer", () => {
    expect(parseTrailers("Risk: high")).toEqual([]);
    expect(parseTrailers("Risk: high\nFixes: INC-1")).toEqual([]);
    expect(parseTrailers("\n\nRisk: high\n\n")).toEqual([]);
  });

  it("joins indented continuation lines and tolerates CRLF, spaces before the colon and trailing blank lines", () => {
    const message = "Subject\r\n\r\nFixes : INC-1,\r\n  INC-2\r\nNote: x\r\n\r\n  \n";
    expect(parseTrailers(message)).toEqual([
      { key: "Fixes", value: "INC-1, INC-2" },
      { key: "Note", value: "x" },
    ]);
  });

  it("skips prose lines in the trailer paragraph, and what follows them is no continuation", () => {
    const message = "Subject\n\nsee the runbook\n  indented prose\nRisk: low";
    expect(parseTrailers(message)).toEqual([{ key: "Risk", value: "low" }]);
  });

  it("rejects keys git would not take as trailer tokens", () => {
    expect(parseTrailers("S\n\nnot a key: x\n-dash: y\nkey_underscore: z\n: empty")).toEqual([]);
  });

  it("finds nothing in empty or blank messages", () => {
    expect(parseTrailers("")).toEqual([]);
    expect(parseTrailers("\n \n\t\n")).toEqual([]);
  });
});

describe("riskTrailer", () => {
  it("gives the Risk value lower-cased, whatever the key's case", () => {
    expect(riskTrailer("Change\n\nRisk: HIGH")).toBe("high");
    expect(riskTrailer("Change\n\nrisk:medium  ")).toBe("medium");
    expect(riskTrailer("Change\n\nRISK: Very   High")).toBe("very high");
  });

  it("takes the last of several, ignoring empty ones", () => {
    expect(riskTrailer("Change\n\nRisk: low\nRisk: high\nRisk:")).toBe("high");
  });

  it("is null without a Risk trailer, when it is not in the last paragraph, or empty", () => {
    expect(riskTrailer("Change")).toBeNull();
    expect(riskTrailer("Change\n\nRisk: high\n\nSigned-off-by: Ada <a@x>")).toBeNull();
    expect(riskTrailer("Change\n\nRisk:   ")).toBeNull();
    expect(riskTrailer("Change\n\nRisky: high\nX-Risk: high")).toBeNull();
  });
});

describe("fixedIncidents", () => {
  it("reads one or several incident ids, in any case, each once", () => {
    expect(fixedIncidents("Fix\n\nFixes: INC-12")).toEqual([12]);
    expect(fixedIncidents("Fix\n\nFixes: INC-12, INC-14")).toEqual([12, 14]);
    expect(fixedIncidents("Fix\n\nfixes: inc-3 INC-4;INC-3\nFIXES: INC-5.")).toEqual([3, 4, 5]);
  });

  it("ignores issue numbers, URLs, prose and ids that are not positive integers", () => {
    const message = [
      "Fix",
      "",
      "Fixes: #12",
      "Fixes: https://example.com/INC-9",
      "Fixes: the crash in INC-7x and ABC-INC-8",
      "Fixes: INC-0, INC-, INC-99999999999999999999, INC-1.5",
      "Closes: INC-6",
    ].join("\n");
    expect(fixedIncidents(message)).toEqual([]);
  });

  it("ignores Fixes lines outside the trailer paragraph", () => {
    expect(fixedIncidents("Fixes: INC-1")).toEqual([]);
    expect(fixedIncidents("Fix\n\nFixes: INC-1\n\nReviewed-by: Bo")).toEqual([]);
  });
});
