import { describe, expect, it } from "vitest";
import { createEvaluationCounter } from "./evaluation-counter.js";

describe("the evaluation counter", () => {
  it("counts yes/no per flag and variants by name, in windows", () => {
    let now = 1000;
    const counter = createEvaluationCounter(() => now);
    expect(counter.take()).toBeUndefined();
    counter.count("a", true);
    counter.count("a", true);
    counter.count("a", false);
    counter.countVariant("b", true, "blue");
    counter.countVariant("b", true, "blue");
    counter.countVariant("b", false, "disabled");
    counter.count("__proto__", true);
    now = 2000;
    const window = counter.take();
    expect(window).toEqual({
      start: 1000,
      stop: 2000,
      flags: {
        a: { yes: 2, no: 1, variants: {} },
        b: { yes: 2, no: 1, variants: { blue: 2, disabled: 1 } },
        ["__proto__"]: { yes: 1, no: 0, variants: {} },
      },
    });
    const sent = JSON.parse(JSON.stringify(window)).flags;
    expect(Object.getOwnPropertyDescriptor(sent, "__proto__")?.value).toEqual({
      yes: 1,
      no: 0,
      variants: {},
    });
    now = 3000;
    counter.count("a", false);
    expect(counter.take()).toEqual({
      start: 2000,
      stop: 3000,
      flags: { a: { yes: 0, no: 1, variants: {} } },
    });
  });

  it("restores an unsent window into the current one, keeping its start", () => {
    let now = 0;
    const counter = createEvaluationCounter(() => now);
    counter.countVariant("b", true, "blue");
    now = 10;
    const unsent = counter.take();
    if (!unsent) throw new Error("expected counts");
    counter.countVariant("b", true, "blue");
    counter.countVariant("b", true, "green");
    counter.count("c", false);
    counter.restore(unsent);
    now = 20;
    expect(counter.take()).toEqual({
      start: 0,
      stop: 20,
      flags: {
        b: { yes: 3, no: 0, variants: { blue: 2, green: 1 } },
        c: { yes: 0, no: 1, variants: {} },
      },
    });
  });
});
