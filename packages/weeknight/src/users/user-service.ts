import { createHash, randomBytes } from "node:crypto";
import argon2 from "argon2";
import type { Clock } from "../clock.js";
import {
  ConflictError,
  InvalidInputError,
  NotFoundError,
  UnauthenticatedError,
} from "../errors/domain-errors.js";
import type { Authenticator, Principal, Role } from "../http/http-auth.js";
import type { ApiToken, User, UserStore } from "./user-store.js";

const TOKEN_PREFIX = "wkn_";
const SESSION_PREFIX = "wks_";
/** A signed-in browser stays signed in for a working week. */
export const SESSION_TTL_MS = 7 * 24 * 60 * 60_000;
/** Writing last-used on every request would make every read a write. */
const TOUCH_EVERY_MS = 60_000;
/**
 * Every request authenticates. One server owns the database (ADR 0004), so the owner of a token
 * or cookie is remembered, and forgotten when a token, session or role changes here; the time
 * limit bounds how long an edit made directly in the database takes to show.
 */
const REMEMBER_MS = 30_000;
const REMEMBER_MAX = 10_000;

/** Credentials by hash, each until REMEMBER_MS have passed or it expires, whichever is first. */
function rememberedCredentials<T>(clock: Clock) {
  const entries = new Map<string, { value: T; until: number }>();
  return {
    recall(hash: string): T | null {
      const found = entries.get(hash);
      return found && found.until > clock.now() ? found.value : null;
    },
    remember(hash: string, value: T, expiresAt = Number.POSITIVE_INFINITY): T {
      if (entries.size >= REMEMBER_MAX) entries.clear();
      entries.set(hash, { value, until: Math.min(clock.now() + REMEMBER_MS, expiresAt) });
      return value;
    },
    forget: (hash: string) => entries.delete(hash),
    clear: () => entries.clear(),
  };
}

export interface UserService extends Authenticator {
  /** Creates the first admin with a one-time password when there are no users. */
  ensureAdmin(): Promise<{ username: string; password: string } | null>;
  createUser(input: { username: string; role: Role; password?: string }): Promise<{
    user: User;
    password: string;
  }>;
  list(): Promise<User[]>;
  setRole(username: string, role: Role): Promise<User>;
  /** Exchanges a password for a new API token, shown once. */
  login(input: { username: string; password: string; tokenName: string }): Promise<{
    token: string;
    apiToken: ApiToken;
    user: User;
  }>;
  createToken(principal: Principal, name: string): Promise<{ token: string; apiToken: ApiToken }>;
  listTokens(principal: Principal): Promise<ApiToken[]>;
  deleteToken(principal: Principal, id: number): Promise<void>;
  /** Signs in a browser: the cookie value and the CSRF token its mutating requests must send. */
  startSession(input: { username: string; password: string }): Promise<{
    cookie: string;
    csrfToken: string;
    user: User;
    expiresAt: number;
  }>;
  endSession(cookie: string): Promise<void>;
  authenticateSession(cookie: string): Promise<{ principal: Principal; csrfToken: string } | null>;
}

export function createUserService(deps: { store: UserStore; clock: Clock }): UserService {
  const { store, clock } = deps;
  const tokens = rememberedCredentials<{
    principal: Principal;
    tokenId: number;
    lastUsedAt: number | null;
  }>(clock);
  const sessions = rememberedCredentials<{ principal: Principal; csrfToken: string }>(clock);
  const forgetAll = () => {
    tokens.clear();
    sessions.clear();
  };

  async function issueToken(userId: number, name: string) {
    const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
    const apiToken = await store.createToken({
      userId,
      name,
      tokenHash: hashToken(token),
      prefix: token.slice(0, TOKEN_PREFIX.length + 6),
      createdAt: clock.now(),
    });
    return { token, apiToken };
  }

  async function createUser(input: { username: string; role: Role; password?: string }) {
    if (!/^[a-z0-9][a-z0-9._-]{0,62}$/i.test(input.username)) {
      throw new InvalidInputError(
        `invalid username "${input.username}": use letters, digits, ".", "_" or "-" (at most 63)`,
      );
    }
    if (await store.findByUsername(input.username)) {
      throw new ConflictError(`user "${input.username}" already exists`);
    }
    const password = input.password ?? randomBytes(12).toString("base64url");
    if (password.length < 8) {
      throw new InvalidInputError("password too short: use at least 8 characters");
    }
    const user = await store.create({
      username: input.username,
      role: input.role,
      passwordHash: await argon2.hash(password),
      createdAt: clock.now(),
    });
    return { user, password };
  }

  async function lookUpToken(hash: string) {
    const found = await store.findToken(hash);
    if (!found) return null;
    const { user, token } = found;
    const principal = { userId: user.id, username: user.username, role: user.role };
    return tokens.remember(hash, { principal, tokenId: token.id, lastUsedAt: token.lastUsedAt });
  }

  async function checkPassword(username: string, password: string): Promise<User> {
    const found = await store.findByUsername(username);
    const ok = found ? await argon2.verify(found.passwordHash, password) : false;
    if (!found || !ok) throw new UnauthenticatedError("wrong username or password");
    const { passwordHash: _, ...user } = found;
    return user;
  }

  return {
    async ensureAdmin() {
      if ((await store.count()) > 0) return null;
      const { user, password } = await createUser({ username: "admin", role: "admin" });
      return { username: user.username, password };
    },
    createUser,
    list: () => store.list(),
    async setRole(username, role) {
      const admins = (await store.list()).filter((u) => u.role === "admin");
      if (role !== "admin" && admins.length === 1 && admins[0]?.username === username) {
        throw new ConflictError(`${username} is the last admin: make another user admin first`);
      }
      const user = await store.setRole(username, role);
      if (!user) throw new NotFoundError(`no user "${username}": see \`weeknight user list\``);
      forgetAll();
      return user;
    },
    async login({ username, password, tokenName }) {
      const user = await checkPassword(username, password);
      return { ...(await issueToken(user.id, tokenName)), user };
    },
    async startSession({ username, password }) {
      const user = await checkPassword(username, password);
      const cookie = `${SESSION_PREFIX}${randomBytes(32).toString("base64url")}`;
      const csrfToken = randomBytes(24).toString("base64url");
      const expiresAt = clock.now() + SESSION_TTL_MS;
      await store.createSession({
        idHash: hashToken(cookie),
        userId: user.id,
        csrfToken,
        createdAt: clock.now(),
        expiresAt,
      });
      return { cookie, csrfToken, user, expiresAt };
    },
    async endSession(cookie) {
      sessions.forget(hashToken(cookie));
      await store.deleteSession(hashToken(cookie));
    },
    async authenticateSession(cookie) {
      if (!cookie.startsWith(SESSION_PREFIX)) return null;
      const hash = hashToken(cookie);
      const known = sessions.recall(hash);
      if (known) return known;
      const found = await store.findSession(hash, clock.now());
      if (!found) return null;
      const { user, csrfToken } = found;
      const principal = { userId: user.id, username: user.username, role: user.role };
      return sessions.remember(hash, { principal, csrfToken }, found.expiresAt);
    },
    createToken: (principal, name) => issueToken(principal.userId, name),
    listTokens: (principal) => store.listTokens(principal.userId),
    async deleteToken(principal, id) {
      tokens.clear();
      if (!(await store.deleteToken(principal.userId, id))) {
        throw new NotFoundError(
          `no token ${id} of ${principal.username}: see \`weeknight token list\``,
        );
      }
    },
    async authenticate(token) {
      if (!token.startsWith(TOKEN_PREFIX)) return null;
      const hash = hashToken(token);
      const known = tokens.recall(hash) ?? (await lookUpToken(hash));
      if (!known) return null;
      const now = clock.now();
      if (!known.lastUsedAt || now - known.lastUsedAt > TOUCH_EVERY_MS) {
        known.lastUsedAt = now;
        await store.touchToken(known.tokenId, now);
      }
      return known.principal;
    },
  };
}

/** Tokens are 256 random bits, so a plain SHA-256 is enough to store them safely. */
function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
