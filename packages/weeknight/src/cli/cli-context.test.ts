import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  configDir,
  credentialsPath,
  NOT_SIGNED_IN,
  readCredentials,
  resolveContext,
  writeCredentials,
} from "./cli-context.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "weeknight-cli-context-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("configDir", () => {
  it("prefers WEEKNIGHT_CONFIG_DIR, then an absolute XDG_CONFIG_HOME, then ~/.config", () => {
    expect(configDir({ WEEKNIGHT_CONFIG_DIR: "/x", XDG_CONFIG_HOME: "/y" }, "/home/a")).toBe("/x");
    expect(configDir({ XDG_CONFIG_HOME: "/y" }, "/home/a")).toBe("/y/weeknight");
    expect(configDir({ XDG_CONFIG_HOME: "relative" }, "/home/a")).toBe("/home/a/.config/weeknight");
    expect(configDir({}, "/home/a")).toBe("/home/a/.config/weeknight");
  });
});

describe("credentials file", () => {
  it("is written with mode 0600 and read back; the last login wins", async () => {
    const path = join(dir, "nested", "credentials.json");
    await writeCredentials(path, { url: "http://one:7070", token: "wkn_1" });
    await writeCredentials(path, { url: "http://two:7070", token: "wkn_2" });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(await readCredentials(path)).toEqual({ url: "http://two:7070", token: "wkn_2" });
  });

  it("names the file and the fix when it is damaged", async () => {
    const path = join(dir, "credentials.json");
    writeFileSync(path, "{not json");
    await expect(readCredentials(path)).rejects.toThrow(/credentials\.json.*weeknight login/);
  });
});

describe("resolveContext", () => {
  const io = (env: Record<string, string>) => ({
    env: { WEEKNIGHT_CONFIG_DIR: dir, ...env },
    homedir: () => "/nowhere",
  });

  it("uses WEEKNIGHT_URL and WEEKNIGHT_TOKEN over the credentials file", async () => {
    await writeCredentials(credentialsPath({ WEEKNIGHT_CONFIG_DIR: dir }, ""), {
      url: "http://stored:7070",
      token: "wkn_stored",
    });
    const context = await resolveContext(
      io({ WEEKNIGHT_URL: "http://env:7070/", WEEKNIGHT_TOKEN: "wkn_env" }),
    );
    expect(context).toEqual({ url: "http://env:7070", token: "wkn_env", source: "env" });
    expect((await resolveContext(io({}))).token).toBe("wkn_stored");
  });

  it("says how to sign in when there is nothing to use", async () => {
    await expect(resolveContext(io({}))).rejects.toThrow(NOT_SIGNED_IN);
  });

  it("never sends a stored token to a different server", async () => {
    await writeCredentials(join(dir, "credentials.json"), {
      url: "http://stored:7070",
      token: "wkn_stored",
    });
    await expect(resolveContext(io({ WEEKNIGHT_URL: "http://other:7070" }))).rejects.toThrow(
      /not signed in to http:\/\/other:7070/,
    );
  });

  it("refuses a token without a server", async () => {
    await expect(resolveContext(io({ WEEKNIGHT_TOKEN: "wkn_x" }))).rejects.toThrow(
      /WEEKNIGHT_URL is not/,
    );
  });
});
