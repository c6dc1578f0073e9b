import { describe, expect, it } from "vitest";
import {
  normalizeSecretName,
  passwordProblem,
  secretNameProblem,
  tokenNameProblem,
  usernameProblem,
} from "./settings-validation.js";

describe("usernameProblem", () => {
  it("accepts the names the server accepts", () => {
    expect(usernameProblem("ada.lovelace")).toBeNull();
    expect(usernameProblem("ci-bot_2")).toBeNull();
  });
  it("refuses empty names and names the server would refuse", () => {
    expect(usernameProblem(" ")).toMatch(/Enter a username/);
    expect(usernameProblem("-ada")).toMatch(/starting with a letter or digit/);
    expect(usernameProblem("ada lovelace")).toMatch(/letters, digits/);
    expect(usernameProblem("a".repeat(64))).toMatch(/up to 63/);
  });
});

describe("passwordProblem", () => {
  it("allows an empty password (generated) or one of 8 characters or more", () => {
    expect(passwordProblem("")).toBeNull();
    expect(passwordProblem("12345678")).toBeNull();
    expect(passwordProblem("short")).toMatch(/at least 8/);
  });
});

describe("tokenNameProblem", () => {
  it("requires a name under 100 characters", () => {
    expect(tokenNameProblem("ci")).toBeNull();
    expect(tokenNameProblem("")).toMatch(/Name the token/);
    expect(tokenNameProblem("x".repeat(101))).toMatch(/under 100/);
  });
});

describe("secret names", () => {
  it("accepts environment-variable style names only", () => {
    expect(secretNameProblem("DATABASE_URL")).toBeNull();
    expect(secretNameProblem("_TOKEN2")).toBeNull();
    expect(secretNameProblem("")).toMatch(/Enter the secret's name/);
    expect(secretNameProblem("2FA")).toMatch(/not starting with a digit/);
    expect(secretNameProblem("api-key")).toMatch(/capital letters/);
  });
  it("turns what people type into a valid name", () => {
    expect(normalizeSecretName(" database-url ")).toBe("DATABASE_URL");
    expect(normalizeSecretName("stripe key")).toBe("STRIPE_KEY");
  });
});
