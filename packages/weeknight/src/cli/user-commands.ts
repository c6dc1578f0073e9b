import { Argument, type Command, Option } from "commander";
import { roles } from "../http/http-auth.js";
import type { User } from "./api-types.js";
import { connect } from "./cli-context.js";
import type { CliIo } from "./cli-io.js";
import { createOutput } from "./output.js";

export function userCommands(program: Command, io: CliIo): void {
  const user = program
    .command("user")
    .description("Manage users and their roles: viewer, deployer, admin (admins only)");

  user
    .command("add <username>")
    .description("Create a user; prints their generated password once")
    .addOption(new Option("--role <role>", "what they may do").choices(roles).default("viewer"))
    .option("--json", "print the result as JSON")
    .addHelpText("after", "\nExample:\n  weeknight user add alice --role deployer")
    .action(async (username: string, options: { role: string; json?: boolean }) => {
      const out = createOutput(io);
      const client = await connect(io);
      const created = await client.post<{ user: User; password: string }>("/users", {
        username,
        role: options.role,
      });
      if (options.json) return out.json(created);
      out.line(`Created ${created.user.username} (${created.user.role}). Password, shown once:`);
      out.line(`  ${created.password}`);
      out.line(`They sign in with: weeknight login --url ${client.url} --username ${username}`);
    });

  user
    .command("list")
    .description("List users and their roles")
    .option("--json", "print the users as JSON")
    .action(async (options: { json?: boolean }) => {
      const out = createOutput(io);
      const users = await (await connect(io)).get<User[]>("/users");
      if (options.json) return out.json(users);
      out.table(
        ["username", "role", "created"],
        users.map((u) => [u.username, u.role, out.ago(u.createdAt)]),
        "no users",
      );
    });

  user
    .command("role")
    .description("Change a user's role")
    .argument("<username>", "whose role")
    .addArgument(new Argument("<role>", "the new role").choices(roles))
    .option("--json", "print the user as JSON")
    .addHelpText("after", "\nExample:\n  weeknight user role alice deployer")
    .action(async (username: string, role: string, options: { json?: boolean }) => {
      const out = createOutput(io);
      const client = await connect(io);
      const updated = await client.put<User>(`/users/${encodeURIComponent(username)}/role`, {
        role,
      });
      if (options.json) return out.json(updated);
      out.line(`${updated.username} is now ${updated.role}`);
    });
}
