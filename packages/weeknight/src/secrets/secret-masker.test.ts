import { describe, expect, it } from "vitest";
import { createSecretMasker } from "./secret-masker.js";

describe("createSecretMasker", () => {
  it("masks every occurrence of every secret", () => {
    const mask = createSecretMasker(["s3cr3t-token", "hunter22"]);
    expect(mask("token=s3cr3t-token pass=hunter22 again=s3cr3t-token")).toBe(
      "token=*** pass=*** again=***",
    );
  });

  it("leaves text without secrets untouched", () => {
    const mask = createSecretMasker(["s3cr3t-token"]);
    expect(mask("nothing to see here")).toBe("nothing to see here");
  });

  it("masks a secret that contains another one completely", () => {
    const mask = createSecretMasker(["abc", "abcdef"]);
    expect(mask("x abcdef y")).toBe("x *** y");
  });

  it("leaves no fragment of overlapping secrets", () => {
    const mask = createSecretMasker(["abcdef", "defghi"]);
    expect(mask("[abcdefghi]")).toBe("[***]");
  });

  it("treats regular-expression characters literally", () => {
    const mask = createSecretMasker(["p@ss.w*rd(1)$"]);
    expect(mask("pass=p@ss.w*rd(1)$ other=pXss.wwrd1")).toBe("pass=*** other=pXss.wwrd1");
  });

  it("ignores empty values instead of masking everything", () => {
    const mask = createSecretMasker(["", "real-secret"]);
    expect(mask("a real-secret b")).toBe("a *** b");
  });

  it("masks even very short secrets, aggressively", () => {
    const mask = createSecretMasker(["ab"]);
    expect(mask("about a tab")).toBe("***out a t***");
  });

  it("masks each line of a multi-line secret when logs arrive line by line", () => {
    const key = "-----BEGIN KEY-----\nMIIEvQIBADANBg\nkqhkiG9w0BAQEF\n-----END KEY-----";
    const mask = createSecretMasker([key]);
    expect(mask(key)).toBe("***");
    expect(mask("MIIEvQIBADANBg")).toBe("***");
    expect(mask("line: kqhkiG9w0BAQEF")).toBe("line: ***");
  });
});
