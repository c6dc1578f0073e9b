import { describe, expect, it } from "vitest";
import { redactUrl } from "./channel-http.js";

describe("redactUrl", () => {
  it("drops userinfo, query and fragment", () => {
    expect(redactUrl("https://user:pw@hooks.example.com:8443/in/ci?token=abc#x")).toBe(
      "https://hooks.example.com:8443/in/ci",
    );
  });

  it("masks the token a chat webhook keeps in its last path segment", () => {
    const url = "https://hooks.slack.com/services/T000/B000/XXXXSECRET";
    expect(redactUrl(url, { maskLastSegment: true })).toBe(
      "https://hooks.slack.com/services/T000/B000/***",
    );
  });

  it("does not echo an unparsable URL", () => {
    expect(redactUrl("not a url ?token=abc")).toBe("(invalid URL)");
  });
});
