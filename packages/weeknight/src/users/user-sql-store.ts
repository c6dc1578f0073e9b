import type { Db } from "../db/database.js";
import type { Role } from "../http/http-auth.js";
import type { ApiToken, User, UserStore } from "./user-store.js";

type UserRow = { id: number; username: string; role: string; created_at: number };
type TokenRow = {
  id: number;
  user_id: number;
  name: string;
  prefix: string;
  created_at: number;
  last_used_at: number | null;
};

const toUser = (r: UserRow): User => ({
  id: r.id,
  username: r.username,
  role: r.role as Role,
  createdAt: r.created_at,
});

const toToken = (r: TokenRow): ApiToken => ({
  id: r.id,
  userId: r.user_id,
  name: r.name,
  prefix: r.prefix,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
});

const userColumns = ["id", "username", "role", "created_at"] as const;
const tokenColumns = ["id", "user_id", "name", "prefix", "created_at", "last_used_at"] as const;

export function createUserSqlStore(db: Db): UserStore {
  return {
    async count() {
      const row = await db
        .selectFrom("users")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async create(input) {
      const row = await db
        .insertInto("users")
        .values({
          username: input.username,
          password_hash: input.passwordHash,
          role: input.role,
          created_at: input.createdAt,
        })
        .returning(userColumns)
        .executeTakeFirstOrThrow();
      return toUser(row);
    },
    async findByUsername(username) {
      const row = await db
        .selectFrom("users")
        .select([...userColumns, "password_hash"])
        .where("username", "=", username)
        .executeTakeFirst();
      return row ? { ...toUser(row), passwordHash: row.password_hash } : null;
    },
    async list() {
      const rows = await db.selectFrom("users").select(userColumns).orderBy("id").execute();
      return rows.map(toUser);
    },
    async setRole(username, role) {
      const row = await db
        .updateTable("users")
        .set({ role })
        .where("username", "=", username)
        .returning(userColumns)
        .executeTakeFirst();
      return row ? toUser(row) : null;
    },
    async setPassword(username, passwordHash) {
      const result = await db
        .updateTable("users")
        .set({ password_hash: passwordHash })
        .where("username", "=", username)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async createToken(input) {
      const row = await db
        .insertInto("api_tokens")
        .values({
          user_id: input.userId,
          name: input.name,
          token_hash: input.tokenHash,
          prefix: input.prefix,
          created_at: input.createdAt,
        })
        .returning(tokenColumns)
        .executeTakeFirstOrThrow();
      return toToken(row);
    },
    async findToken(tokenHash) {
      const row = await db
        .selectFrom("api_tokens as t")
        .innerJoin("users as u", "u.id", "t.user_id")
        .select([
          "t.id",
          "t.user_id",
          "t.name",
          "t.prefix",
          "t.created_at",
          "t.last_used_at",
          "u.username",
          "u.role",
          "u.created_at as user_created_at",
        ])
        .where("t.token_hash", "=", tokenHash)
        .executeTakeFirst();
      if (!row) return null;
      return {
        token: toToken(row),
        user: toUser({
          id: row.user_id,
          username: row.username,
          role: row.role,
          created_at: row.user_created_at,
        }),
      };
    },
    async touchToken(id, at) {
      await db.updateTable("api_tokens").set({ last_used_at: at }).where("id", "=", id).execute();
    },
    async listTokens(userId) {
      const rows = await db
        .selectFrom("api_tokens")
        .select(tokenColumns)
        .where("user_id", "=", userId)
        .orderBy("id")
        .execute();
      return rows.map(toToken);
    },
    async createSession(input) {
      await db
        .insertInto("sessions")
        .values({
          id_hash: input.idHash,
          user_id: input.userId,
          csrf_token: input.csrfToken,
          created_at: input.createdAt,
          expires_at: input.expiresAt,
        })
        .execute();
    },
    async findSession(idHash, now) {
      const row = await db
        .selectFrom("sessions as s")
        .innerJoin("users as u", "u.id", "s.user_id")
        .select(["s.csrf_token", "s.expires_at", ...userColumns.map((c) => `u.${c}` as const)])
        .where("s.id_hash", "=", idHash)
        .where("s.expires_at", ">", now)
        .executeTakeFirst();
      return row
        ? { user: toUser(row), csrfToken: row.csrf_token, expiresAt: row.expires_at }
        : null;
    },
    async deleteSession(idHash) {
      await db.deleteFrom("sessions").where("id_hash", "=", idHash).execute();
    },
    async deleteToken(userId, id) {
      const result = await db
        .deleteFrom("api_tokens")
        .where("user_id", "=", userId)
        .where("id", "=", id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}
