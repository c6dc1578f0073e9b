import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { NotFoundError } from "../errors/domain-errors.js";
import {
  insertTestProject,
  openTestDatabase,
  testDialects,
} from "../test-support/test-databases.js";
import { createDeliveryFakeStore } from "./delivery-fake-store.js";
import { createDeliverySqlStore } from "./delivery-sql-store.js";
import type { DeliveryStore, NewDelivery } from "./delivery-store.js";

interface Subject {
  store: DeliveryStore;
  projectIds: [number, number];
  buildId: number;
  close(): Promise<void>;
}

/** Every DeliveryStore must pass this suite (Hono-style contract test). */
const implementations: [string, () => Promise<Subject>][] = [
  ...testDialects.map((dialect): [string, () => Promise<Subject>] => [
    `sql (${dialect})`,
    async () => {
      const database = await openTestDatabase(dialect);
      const shop = await insertTestProject(database.db, "shop");
      const blog = await insertTestProject(database.db, "blog");
      const { id: buildId } = await database.db
        .insertInto("builds")
        .values({
          project_id: shop,
          sha: "abc",
          branch: "main",
          status: "failed",
          trigger: "push",
          commit_shas: "[]",
          queued_at: 1,
          started_at: null,
          finished_at: null,
          error: null,
          cancel_requested: 0,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      return {
        store: createDeliverySqlStore({ db: database.db }),
        projectIds: [shop, blog],
        buildId,
        close: () => database.close(),
      };
    },
  ]),
  [
    "fake",
    async () => ({
      store: createDeliveryFakeStore(),
      projectIds: [1, 2],
      buildId: 10,
      close: async () => {},
    }),
  ],
];

describe.each(implementations)("delivery store: %s", (_name, open) => {
  let subject: Subject;
  let delivery: (overrides?: Partial<NewDelivery>) => NewDelivery;
  beforeEach(async () => {
    subject = await open();
    delivery = (overrides = {}) => ({
      projectId: subject.projectIds[0],
      buildId: subject.buildId,
      event: "build.failed",
      channel: "webhook",
      target: "https://ci.example.com/in",
      createdAt: 1_700_000_000_000,
      ...overrides,
    });
  });
  afterEach(() => subject.close());

  it("creates a pending delivery with no attempts", async () => {
    const created = await subject.store.create(delivery());
    expect(created).toEqual({
      id: expect.any(Number),
      projectId: subject.projectIds[0],
      buildId: subject.buildId,
      event: "build.failed",
      channel: "webhook",
      target: "https://ci.example.com/in",
      status: "pending",
      attempts: 0,
      lastError: null,
      createdAt: 1_700_000_000_000,
      finishedAt: null,
    });
  });

  it("updates only the given fields and returns the new state", async () => {
    const { id } = await subject.store.create(delivery());
    await subject.store.update(id, { attempts: 1, lastError: "HTTP 500" });
    const done = await subject.store.update(id, {
      status: "failed",
      attempts: 2,
      finishedAt: 1_700_000_000_999,
    });
    expect(done).toMatchObject({
      id,
      status: "failed",
      attempts: 2,
      lastError: "HTTP 500",
      finishedAt: 1_700_000_000_999,
    });
    const [listed] = await subject.store.list({ limit: 10 });
    expect(listed).toEqual(done);
  });

  it("can clear the last error", async () => {
    const { id } = await subject.store.create(delivery());
    await subject.store.update(id, { lastError: "timeout" });
    expect(await subject.store.update(id, { lastError: null })).toMatchObject({ lastError: null });
  });

  it("fails only the deliveries still pending, saying why", async () => {
    const pending = await subject.store.create(delivery());
    const done = await subject.store.create(delivery());
    await subject.store.update(done.id, { status: "delivered", attempts: 1, finishedAt: 5 });
    expect(await subject.store.failPending("interrupted", 9)).toBe(1);
    const byId = new Map((await subject.store.list({ limit: 10 })).map((d) => [d.id, d]));
    expect(byId.get(pending.id)).toMatchObject({
      status: "failed",
      lastError: "interrupted",
      finishedAt: 9,
    });
    expect(byId.get(done.id)).toMatchObject({ status: "delivered", finishedAt: 5 });
  });

  it("rejects an update of a delivery that does not exist", async () => {
    await expect(subject.store.update(999_999, { status: "delivered" })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it("lists newest first, filtered by project and build, up to the limit", async () => {
    const [shop, blog] = subject.projectIds;
    const first = await subject.store.create(delivery({ createdAt: 100 }));
    const second = await subject.store.create(delivery({ createdAt: 200, channel: "slack" }));
    const sameTime = await subject.store.create(delivery({ createdAt: 200, channel: "email" }));
    const other = await subject.store.create(
      delivery({ projectId: blog, buildId: null, createdAt: 300, event: "build.fixed" }),
    );
    const ids = async (q: Parameters<DeliveryStore["list"]>[0]) =>
      (await subject.store.list(q)).map((d) => d.id);
    expect(await ids({ limit: 10 })).toEqual([other.id, sameTime.id, second.id, first.id]);
    expect(await ids({ projectId: shop, limit: 10 })).toEqual([sameTime.id, second.id, first.id]);
    expect(await ids({ buildId: subject.buildId, limit: 2 })).toEqual([sameTime.id, second.id]);
    expect(await ids({ projectId: blog, limit: 10 })).toEqual([other.id]);
    expect((await subject.store.list({ projectId: blog, limit: 1 }))[0]).toMatchObject({
      buildId: null,
      event: "build.fixed",
    });
  });

  it("filters by event and status: the newest delivered failure notice", async () => {
    const [shop] = subject.projectIds;
    const delivered = await subject.store.create(delivery({ createdAt: 100 }));
    await subject.store.update(delivered.id, { status: "delivered", attempts: 1 });
    const failed = await subject.store.create(delivery({ createdAt: 200 }));
    await subject.store.update(failed.id, { status: "failed", attempts: 4 });
    await subject.store.create(delivery({ createdAt: 300, event: "build.fixed" }));
    const ids = async (q: Parameters<DeliveryStore["list"]>[0]) =>
      (await subject.store.list(q)).map((d) => d.id);
    expect(await ids({ projectId: shop, event: "build.failed", limit: 10 })).toEqual([
      failed.id,
      delivered.id,
    ]);
    expect(
      await ids({ projectId: shop, event: "build.failed", status: "delivered", limit: 1 }),
    ).toEqual([delivered.id]);
    expect(await ids({ event: "notify.test", limit: 10 })).toEqual([]);
  });
});
