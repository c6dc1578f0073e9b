import { describe, expect, it } from "vitest";
import type { SshTargetConfig } from "../../config/config-schema.js";
import type { ReleaseSpec } from "../target.js";
import { planSshDeploy, planSshRollback, type SshStep } from "./ssh-plan.js";

const SHA = "ab".repeat(32);

const commandOf = (step: SshStep | undefined): string | undefined =>
  step && "command" in step ? step.command : undefined;

function config(overrides: Partial<SshTargetConfig> = {}): SshTargetConfig {
  return {
    type: "ssh",
    hosts: ["web1"],
    user: "deploy",
    key: "not used by plans",
    path: "/srv/app/",
    setup: "npm ci --omit=dev",
    restart: "sudo systemctl restart app",
    port: 3000,
    batch: 1,
    keep: 5,
    ...overrides,
  };
}

function release(id: string): ReleaseSpec {
  return {
    id,
    buildId: 12,
    project: "shop",
    environment: "production",
    artifact: { path: "/var/lib/weeknight/artifacts/ab/abc.tar.gz", sha256: SHA },
    health: { path: "/health", timeoutMs: 30_000 },
    canary: { traffic: 10, bakeMs: 60_000 },
    rollbackWindowMs: 1_800_000,
  };
}

const switchTo = (id: string) =>
  `test -d /srv/app/releases/${id} || { echo 'release ${id} is not on this host' >&2; exit 1; }; ` +
  "old=$(readlink /srv/app/current); " +
  `ln -sfn releases/${id} /srv/app/current.tmp && mv -Tf /srv/app/current.tmp /srv/app/current && ` +
  `{ [ -z "$old" ] || [ "$old" = releases/${id} ] || ` +
  '{ ln -sfn "$old" /srv/app/previous.tmp && mv -Tf /srv/app/previous.tmp /srv/app/previous; }; }';

const restart = {
  host: "web1",
  kind: "exec",
  command: "cd /srv/app/current || exit 1; sudo systemctl restart app",
  failure: "restart `sudo systemctl restart app` failed",
} as const;

describe("planSshDeploy", () => {
  it("uploads, verifies, unpacks, sets up, switches, restarts, checks health and prunes", () => {
    expect(planSshDeploy(config(), release("b12-d7"), release("b11-d6"))).toEqual({
      release: "b12-d7",
      previous: "b11-d6",
      batches: [
        {
          hosts: ["web1"],
          prepare: [
            {
              host: "web1",
              kind: "exec",
              command: "mkdir -p /srv/app/releases/b12-d7",
              failure: "could not create /srv/app/releases/b12-d7",
            },
            {
              host: "web1",
              kind: "upload",
              from: "/var/lib/weeknight/artifacts/ab/abc.tar.gz",
              to: "/srv/app/releases/b12-d7.tar.gz",
              failure: "could not upload the artifact to /srv/app/releases/b12-d7.tar.gz",
            },
            {
              host: "web1",
              kind: "exec",
              command: `echo '${SHA}  /srv/app/releases/b12-d7.tar.gz' | sha256sum -c -`,
              failure: `the uploaded artifact does not match its sha256 ${SHA} — it is corrupt; nothing was switched`,
            },
            {
              host: "web1",
              kind: "exec",
              command: "tar -xzf /srv/app/releases/b12-d7.tar.gz -C /srv/app/releases/b12-d7",
              failure: "could not unpack the artifact into /srv/app/releases/b12-d7",
            },
            {
              host: "web1",
              kind: "exec",
              command: "rm -f /srv/app/releases/b12-d7.tar.gz",
              failure: "could not remove /srv/app/releases/b12-d7.tar.gz",
            },
            {
              host: "web1",
              kind: "exec",
              command: "cd /srv/app/releases/b12-d7 || exit 1; npm ci --omit=dev",
              failure:
                "setup `npm ci --omit=dev` failed in /srv/app/releases/b12-d7; nothing was switched",
            },
          ],
          discard: [
            {
              host: "web1",
              kind: "exec",
              command: "rm -rf /srv/app/releases/b12-d7 /srv/app/releases/b12-d7.tar.gz",
              failure: "could not remove the unused release /srv/app/releases/b12-d7",
            },
          ],
          switch: [
            {
              host: "web1",
              kind: "symlink",
              release: "b12-d7",
              command: switchTo("b12-d7"),
              failure: "could not point /srv/app/current at releases/b12-d7",
            },
            restart,
          ],
          health: [
            {
              host: "web1",
              kind: "health",
              command: "curl -fsS --max-time 5 http://127.0.0.1:3000/health",
              timeoutMs: 30_000,
              failure:
                "release b12-d7 did not answer http://127.0.0.1:3000/health with 2xx within 30 s",
            },
          ],
          revert: [
            {
              host: "web1",
              kind: "symlink",
              release: "b11-d6",
              command: switchTo("b11-d6"),
              failure: "could not point /srv/app/current at releases/b11-d6",
            },
            restart,
            {
              host: "web1",
              kind: "health",
              command: "curl -fsS --max-time 5 http://127.0.0.1:3000/health",
              timeoutMs: 30_000,
              failure:
                "release b11-d6 did not answer http://127.0.0.1:3000/health with 2xx within 30 s",
            },
          ],
        },
      ],
      prune: [
        {
          host: "web1",
          kind: "exec",
          command:
            "cd /srv/app/releases || exit 1; find . -mindepth 1 -maxdepth 1 -type d ! -name b12-d7 ! -name b11-d6 -printf '%T@ %f\\n' | sort -rn | tail -n +4 | cut -d' ' -f2- | xargs -r -d '\\n' rm -rf --",
          failure: "could not remove releases beyond the newest 5",
        },
      ],
    });
  });

  it("groups hosts into batches of `batch`, in the order they are listed", () => {
    const hosts = ["web1", "web2:2222", "web3"];
    const plan = planSshDeploy(config({ hosts, batch: 2 }), release("b12-d7"), release("b11-d6"));
    expect(plan.batches.map((b) => b.hosts)).toEqual([["web1", "web2:2222"], ["web3"]]);
    expect(plan.batches[0]?.switch.map((s) => [s.host, s.kind])).toEqual([
      ["web1", "symlink"],
      ["web1", "exec"],
      ["web2:2222", "symlink"],
      ["web2:2222", "exec"],
    ]);
    expect(plan.batches[1]?.health.map((s) => s.host)).toEqual(["web3"]);
    expect(plan.prune.map((s) => s.host)).toEqual(hosts);
  });

  it("has nothing to revert to on a first deploy, and protects only the new release", () => {
    const plan = planSshDeploy(config({ keep: 3 }), release("b1-d1"), null);
    expect(plan.previous).toBeNull();
    expect(plan.batches[0]?.revert).toEqual([]);
    expect(commandOf(plan.prune[0])).toBe(
      "cd /srv/app/releases || exit 1; find . -mindepth 1 -maxdepth 1 -type d ! -name b1-d1 -printf '%T@ %f\\n' | sort -rn | tail -n +3 | cut -d' ' -f2- | xargs -r -d '\\n' rm -rf --",
    );
  });

  it("skips setup without `setup` and health checks without `port`", () => {
    const plan = planSshDeploy(
      config({ setup: undefined, port: undefined }),
      release("b12-d7"),
      null,
    );
    expect(plan.batches[0]?.prepare.map((s) => ("command" in s ? s.command : s.kind))).toEqual([
      "mkdir -p /srv/app/releases/b12-d7",
      "upload",
      `echo '${SHA}  /srv/app/releases/b12-d7.tar.gz' | sha256sum -c -`,
      "tar -xzf /srv/app/releases/b12-d7.tar.gz -C /srv/app/releases/b12-d7",
      "rm -f /srv/app/releases/b12-d7.tar.gz",
    ]);
    expect(plan.batches[0]?.health).toEqual([]);
  });

  it("never discards or reverts to the release that serves now when it is redeployed", () => {
    const plan = planSshDeploy(config(), release("b12-d7"), release("b12-d7"));
    expect(plan.previous).toBeNull();
    expect(plan.batches[0]?.discard).toEqual([]);
    expect(plan.batches[0]?.revert).toEqual([]);
  });

  it("quotes paths that the shell would split", () => {
    const plan = planSshDeploy(config({ path: "/srv/my app" }), release("b12-d7"), null);
    expect(commandOf(plan.batches[0]?.prepare[0])).toBe("mkdir -p '/srv/my app/releases/b12-d7'");
    expect(commandOf(plan.batches[0]?.switch[1])).toBe(
      "cd '/srv/my app/current' || exit 1; sudo systemctl restart app",
    );
  });
});

describe("planSshRollback", () => {
  it("switches every host back at once, restarts and checks health", () => {
    expect(planSshRollback(config(), release("b11-d6"))).toEqual({
      release: "b11-d6",
      switch: [
        {
          host: "web1",
          kind: "symlink",
          release: "b11-d6",
          command: switchTo("b11-d6"),
          failure: "could not point /srv/app/current at releases/b11-d6",
        },
        restart,
      ],
      health: [
        {
          host: "web1",
          kind: "health",
          command: "curl -fsS --max-time 5 http://127.0.0.1:3000/health",
          timeoutMs: 30_000,
          failure:
            "release b11-d6 did not answer http://127.0.0.1:3000/health with 2xx within 30 s",
        },
      ],
    });
  });
});
