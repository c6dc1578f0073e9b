import type { Role } from "../http/http-auth.js";

export interface User {
  id: number;
  username: string;
  role: Role;
  createdAt: number;
}

export interface ApiToken {
  id: number;
  userId: number;
  name: string;
  prefix: string;
  createdAt: number;
  lastUsedAt: number | null;
}

export interface UserStore {
  count(): Promise<number>;
  create(input: {
    username: string;
    passwordHash: string;
    role: Role;
    createdAt: number;
  }): Promise<User>;
  findByUsername(username: string): Promise<(User & { passwordHash: string }) | null>;
  list(): Promise<User[]>;
  setRole(username: string, role: Role): Promise<User | null>;
  setPassword(username: string, passwordHash: string): Promise<boolean>;
  createToken(
    input: Omit<ApiToken, "id" | "lastUsedAt"> & { tokenHash: string },
  ): Promise<ApiToken>;
  findToken(tokenHash: string): Promise<{ token: ApiToken; user: User } | null>;
  touchToken(id: number, at: number): Promise<void>;
  listTokens(userId: number): Promise<ApiToken[]>;
  deleteToken(userId: number, id: number): Promise<boolean>;
  createSession(input: {
    idHash: string;
    userId: number;
    csrfToken: string;
    createdAt: number;
    expiresAt: number;
  }): Promise<void>;
  /** The session's user and CSRF token, if it exists and has not expired at `now`. */
  findSession(
    idHash: string,
    now: number,
  ): Promise<{ user: User; csrfToken: string; expiresAt: number } | null>;
  deleteSession(idHash: string): Promise<void>;
}
