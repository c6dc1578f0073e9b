import { z } from "zod";
import type { AuditLog } from "../audit/audit-log.js";
import type { RoutesPlugin } from "../http/http-app.js";
import { CSRF_HEADER, principalOfRequest, roles, SESSION_COOKIE } from "../http/http-auth.js";
import type { UserService } from "./user-service.js";

const userSchema = z.object({
  id: z.number(),
  username: z.string(),
  role: z.enum(roles),
  createdAt: z.number(),
});
const tokenSchema = z.object({
  id: z.number(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.number(),
  lastUsedAt: z.number().nullable(),
});

export function userRoutes(deps: { users: UserService; audit: AuditLog }): RoutesPlugin {
  const { users, audit } = deps;
  return (app) => {
    app.post(
      "/auth/login",
      {
        config: { role: "public" },
        schema: {
          summary: "Exchange a username and password for a new API token (shown once)",
          tags: ["auth"],
          security: [],
          body: z.object({
            username: z.string().min(1),
            password: z.string().min(1),
            tokenName: z.string().min(1).max(100).default("cli"),
          }),
          response: { 200: z.object({ token: z.string(), user: userSchema }) },
        },
      },
      async (request) => {
        const { token, user } = await users.login(request.body);
        await audit.record({
          actor: user.username,
          action: "token.create",
          target: `user:${user.username}`,
        });
        return { token, user };
      },
    );
    app.post(
      "/auth/session",
      {
        config: { role: "public" },
        schema: {
          summary: "Sign a browser in: sets an httpOnly session cookie and returns the CSRF token",
          description: `Mutating requests made with the cookie must send the token in the \`${CSRF_HEADER}\` header.`,
          tags: ["auth"],
          security: [],
          body: z.object({ username: z.string().min(1), password: z.string().min(1) }),
          response: {
            200: z.object({ user: userSchema, csrfToken: z.string(), expiresAt: z.number() }),
          },
        },
      },
      async (request, reply) => {
        const { cookie, csrfToken, user, expiresAt } = await users.startSession(request.body);
        await audit.record({
          actor: user.username,
          action: "session.start",
          target: `user:${user.username}`,
        });
        reply.setCookie(SESSION_COOKIE, cookie, {
          path: "/",
          httpOnly: true,
          sameSite: "strict",
          secure: request.protocol === "https",
          expires: new Date(expiresAt),
        });
        return { user, csrfToken, expiresAt };
      },
    );
    app.get(
      "/auth/session",
      {
        schema: {
          summary: "The signed-in browser's user and CSRF token (after a page reload)",
          tags: ["auth"],
          response: {
            200: z.object({
              username: z.string(),
              role: z.enum(roles),
              csrfToken: z.string().nullable(),
            }),
          },
        },
      },
      async (request) => {
        const principal = principalOfRequest(request);
        const cookie = request.cookies[SESSION_COOKIE];
        const session = cookie ? await users.authenticateSession(cookie) : null;
        return {
          username: principal.username,
          role: principal.role,
          csrfToken: session?.csrfToken ?? null,
        };
      },
    );
    app.delete(
      "/auth/session",
      { config: { role: "viewer" }, schema: { summary: "Sign the browser out", tags: ["auth"] } },
      async (request, reply) => {
        const cookie = request.cookies[SESSION_COOKIE];
        if (cookie) await users.endSession(cookie);
        reply.clearCookie(SESSION_COOKIE, { path: "/" });
        return reply.status(204).send();
      },
    );
    app.get(
      "/users/me",
      {
        schema: {
          summary: "The signed-in user",
          tags: ["auth"],
          response: { 200: userSchema.omit({ createdAt: true, id: true }) },
        },
      },
      async (request) => principalOfRequest(request),
    );
    app.get(
      "/users",
      {
        config: { role: "admin" },
        schema: { summary: "List users", tags: ["users"], response: { 200: z.array(userSchema) } },
      },
      async () => users.list(),
    );
    app.post(
      "/users",
      {
        config: { role: "admin" },
        schema: {
          summary: "Create a user; the password is generated when omitted and shown once",
          tags: ["users"],
          body: z.object({
            username: z.string().min(1),
            role: z.enum(roles).default("viewer"),
            password: z.string().min(8).optional(),
          }),
          response: { 201: z.object({ user: userSchema, password: z.string() }) },
        },
      },
      async (request, reply) => {
        const created = await users.createUser(request.body);
        await audit.record({
          actor: principalOfRequest(request).username,
          action: "user.create",
          target: `user:${created.user.username}`,
          details: { role: created.user.role },
        });
        return reply.status(201).send(created);
      },
    );
    app.put(
      "/users/:username/role",
      {
        config: { role: "admin" },
        schema: {
          summary: "Change a user's role",
          tags: ["users"],
          params: z.object({ username: z.string() }),
          body: z.object({ role: z.enum(roles) }),
          response: { 200: userSchema },
        },
      },
      async (request) => {
        const user = await users.setRole(request.params.username, request.body.role);
        await audit.record({
          actor: principalOfRequest(request).username,
          action: "user.role",
          target: `user:${user.username}`,
          details: { role: user.role },
        });
        return user;
      },
    );
    app.get(
      "/tokens",
      {
        schema: {
          summary: "Your API tokens (never their values)",
          tags: ["auth"],
          response: { 200: z.array(tokenSchema) },
        },
      },
      async (request) => users.listTokens(principalOfRequest(request)),
    );
    app.post(
      "/tokens",
      {
        config: { role: "viewer" },
        schema: {
          summary: "Create an API token for yourself (shown once)",
          tags: ["auth"],
          body: z.object({ name: z.string().min(1).max(100) }),
          response: { 201: z.object({ token: z.string(), apiToken: tokenSchema }) },
        },
      },
      async (request, reply) => {
        const principal = principalOfRequest(request);
        const created = await users.createToken(principal, request.body.name);
        await audit.record({
          actor: principal.username,
          action: "token.create",
          target: `token:${created.apiToken.id}`,
        });
        return reply.status(201).send(created);
      },
    );
    app.delete(
      "/tokens/:id",
      {
        config: { role: "viewer" },
        schema: {
          summary: "Revoke one of your tokens",
          tags: ["auth"],
          params: z.object({ id: z.coerce.number().int() }),
        },
      },
      async (request, reply) => {
        const principal = principalOfRequest(request);
        await users.deleteToken(principal, request.params.id);
        await audit.record({
          actor: principal.username,
          action: "token.delete",
          target: `token:${request.params.id}`,
        });
        return reply.status(204).send();
      },
    );
  };
}
