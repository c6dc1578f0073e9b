import { join } from "node:path";
import type { Command } from "commander";
import { readSettings } from "../main/settings.js";

export function serverCommands(program: Command): void {
  program
    .command("server")
    .description(
      "Run the Weeknight server (API, webhooks, builds) on the embedded SQLite database or WEEKNIGHT_DATABASE_URL",
    )
    .option("--port <port>", "port to listen on (env WEEKNIGHT_PORT, default 7070)")
    .option("--host <host>", "interface to listen on (env WEEKNIGHT_HOST, default 127.0.0.1)")
    .option("--home <dir>", "data directory (env WEEKNIGHT_HOME, default ./.weeknight)")
    .option("--json", "print the startup line as JSON")
    .action(async (options: { port?: string; host?: string; home?: string; json?: boolean }) => {
      const settings = readSettings({
        ...process.env,
        ...(options.port ? { WEEKNIGHT_PORT: options.port } : {}),
        ...(options.host ? { WEEKNIGHT_HOST: options.host } : {}),
        ...(options.home ? { WEEKNIGHT_HOME: options.home } : {}),
      });
      // Loaded on demand: every other command starts faster without the server in memory.
      const { startServer } = await import("../main/server.js");
      const server = await startServer({ settings });
      if (options.json) {
        console.log(
          JSON.stringify({
            url: server.url,
            home: settings.home,
            initialAdmin: server.initialAdmin,
          }),
        );
      } else {
        console.log(
          `weeknight server listening on ${server.url} (data in ${settings.home}, ${server.database.dialect})`,
        );
        if (server.initialAdmin) {
          console.log(
            `first start: created user "${server.initialAdmin.username}" with one-time password ${server.initialAdmin.password}`,
          );
          console.log(
            `sign in with: weeknight login --url ${server.url} --username ${server.initialAdmin.username}`,
          );
        }
      }
      const shutdown = async () => {
        await server.close();
        process.exit(0);
      };
      process.once("SIGINT", shutdown);
      process.once("SIGTERM", shutdown);
    });

  program
    .command("migrate")
    .description("Apply pending database migrations (the server also does this at start)")
    .option("--home <dir>", "data directory (env WEEKNIGHT_HOME, default ./.weeknight)")
    .option("--json", "machine-readable output")
    .action(async (options: { home?: string; json?: boolean }) => {
      const settings = readSettings({
        ...process.env,
        ...(options.home ? { WEEKNIGHT_HOME: options.home } : {}),
      });
      const { createDatabase } = await import("../db/database.js");
      const database = createDatabase({
        url: settings.databaseUrl,
        sqlitePath: join(settings.home, "weeknight.db"),
      });
      try {
        const applied = await database.migrate();
        if (options.json) console.log(JSON.stringify({ dialect: database.dialect, applied }));
        else
          console.log(
            applied.length
              ? `applied ${applied.join(", ")}`
              : `${database.dialect} database is up to date`,
          );
      } finally {
        await database.close();
      }
    });
}
