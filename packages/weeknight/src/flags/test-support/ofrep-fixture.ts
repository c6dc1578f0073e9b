import type { FlagSet, Rule, Variant } from "@weeknight/flags-sdk";
import { createHttpApp, type HttpApp } from "../../http/http-app.js";
import type { FlagDelivery } from "../flag-delivery.js";
import { ofrepRoutes } from "../ofrep-routes.js";

/** Flags of every shape OFREP answers for, shared by the provider and raw-HTTP tests. */
export const rule = (r: Partial<Rule> = {}): Rule => ({
  constraints: [],
  segments: [],
  rollout: 100,
  stickiness: "default",
  ...r,
});
export const one = (variant: Variant): Variant[] => [variant];

export const FLAGS: FlagSet = {
  version: "ofrep-1",
  segments: [],
  flags: [
    { key: "bool-on", type: "release", enabled: true, rules: [rule()] },
    {
      key: "admins-only",
      type: "permission",
      enabled: true,
      rules: [rule({ constraints: [{ contextName: "role", operator: "IN", values: ["admin"] }] })],
    },
    {
      key: "adults",
      type: "release",
      enabled: true,
      rules: [rule({ constraints: [{ contextName: "age", operator: "NUM_GTE", value: "18" }] })],
    },
    {
      key: "beta-testers",
      type: "release",
      enabled: true,
      rules: [rule({ constraints: [{ contextName: "beta", operator: "IN", values: ["true"] }] })],
    },
    {
      key: "pro-plan",
      type: "release",
      enabled: true,
      rules: [rule({ constraints: [{ contextName: "plan", operator: "IN", values: ["pro"] }] })],
    },
    { key: "killed", type: "kill-switch", enabled: false, rules: [rule()] },
    { key: "rollout-30", type: "release", enabled: true, rules: [rule({ rollout: 30 })] },
    {
      key: "color",
      type: "experiment",
      enabled: true,
      rules: [rule()],
      variants: one({ name: "blue", weight: 1, payload: { type: "string", value: "blue" } }),
    },
    {
      key: "price",
      type: "experiment",
      enabled: true,
      rules: [rule()],
      variants: one({ name: "cheap", weight: 1, payload: { type: "number", value: "9.5" } }),
    },
    {
      key: "layout",
      type: "experiment",
      enabled: true,
      rules: [rule()],
      variants: one({ name: "wide", weight: 1, payload: { type: "json", value: '{"columns":3}' } }),
    },
    {
      key: "named",
      type: "experiment",
      enabled: true,
      rules: [rule()],
      variants: one({ name: "plain", weight: 1 }),
    },
    {
      key: "split",
      type: "experiment",
      enabled: true,
      rules: [rule()],
      variants: [
        { name: "a", weight: 50, payload: { type: "string", value: "A" } },
        { name: "b", weight: 50, payload: { type: "string", value: "B" } },
      ],
    },
    {
      key: "color-for-admins",
      type: "experiment",
      enabled: true,
      rules: [rule({ constraints: [{ contextName: "role", operator: "IN", values: ["admin"] }] })],
      variants: one({ name: "red", weight: 1, payload: { type: "string", value: "red" } }),
    },
    {
      key: "bad-json",
      type: "experiment",
      enabled: true,
      rules: [rule()],
      variants: one({ name: "broken", weight: 1, payload: { type: "json", value: "{nope" } }),
    },
  ],
};

export const metadata = (type: string) => ({ type, version: "ofrep-1" });

export async function startApp(delivery: FlagDelivery): Promise<{ app: HttpApp; url: string }> {
  const app = await createHttpApp({
    version: "test",
    dashboardDir: null,
    authenticator: { authenticate: async () => null },
    routes: [],
    rootRoutes: [ofrepRoutes({ delivery })],
  });
  return { app, url: await app.listen({ host: "127.0.0.1", port: 0 }) };
}
