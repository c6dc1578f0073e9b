import { describe, expect, it } from "vitest";
import { NotFoundError } from "../errors/domain-errors.js";
import type { NotifyInput, NotifyService } from "../notify/notify-service.js";
import { staleFlagNotice } from "../notify/test-support/notification-fixture.js";
import type { Project } from "../projects/project-store.js";
import { createFlagNotices } from "./flag-notices.js";

const shop = { id: 7, name: "shop" } as Project;

function recordingNotify(): NotifyService & { inputs: NotifyInput[] } {
  const inputs: NotifyInput[] = [];
  return {
    inputs,
    notify: (input) => inputs.push(input),
    sendNow: () => Promise.reject(new Error("not used")),
    drain: async () => {},
  };
}

const projects = {
  async get(name: string) {
    if (name !== shop.name) throw new NotFoundError(`no project "${name}"`);
    return shop;
  },
};

describe("flag notices", () => {
  it("sends nothing while the project has no weeknight.yml to read channels from", async () => {
    const notify = recordingNotify();
    const notices = createFlagNotices({ notify, projects, currentConfig: async () => null });
    await notices.send("flag.stale", staleFlagNotice());
    expect(notify.inputs).toEqual([]);
  });

  it("rejects a notice about an unknown project", async () => {
    const notify = recordingNotify();
    const notices = createFlagNotices({ notify, projects, currentConfig: async () => null });
    await expect(notices.send("flag.stale", staleFlagNotice({ project: "nope" }))).rejects.toThrow(
      NotFoundError,
    );
    expect(notify.inputs).toEqual([]);
  });
});
