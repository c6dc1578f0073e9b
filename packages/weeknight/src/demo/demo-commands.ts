import type { Command } from "commander";

export function demoCommands(program: Command): void {
  program
    .command("demo")
    .description(
      "Run Weeknight on a sample app in a fresh temporary home: a failing commit, the fix, internal, production, an automatic rollback",
    )
    .option("--once", "exit when the demo is done instead of leaving the server running")
    .option("--json", "print one JSON summary line last (progress goes to stderr)")
    .option("--home <dir>", "data directory (default: a new temporary directory)")
    .option("--port <port>", "port for the server (default 7070, or any free port if taken)")
    .action(async (options: { once?: boolean; json?: boolean; home?: string; port?: string }) => {
      const say = (line: string) => (options.json ? console.error(line) : console.log(line));
      const { summary, close } = await startOnFreePort(options, say);
      if (options.once) {
        await close();
        if (options.json) console.log(JSON.stringify(summary));
        else say("demo finished");
        return;
      }
      if (options.json) console.log(JSON.stringify(summary));
      say("");
      say(`Weeknight is running at ${summary.url}`);
      const live = summary.deployments.filter((d) => d.status === "succeeded");
      for (const env of ["internal", "production"]) {
        const url = live.find((d) => d.environment === env)?.url;
        if (url)
          say(`  ${env.padEnd(10)} ${url}   (the sample app, served by the Weeknight agent)`);
      }
      say(
        `  dashboard: open ${summary.url} and sign in as ${summary.login.username}, password ${summary.login.password}`,
      );
      say(`  CLI:      weeknight login --url ${summary.url} --username ${summary.login.username}`);
      say(`  try:      WEEKNIGHT_URL=${summary.url} weeknight build list   (after login)`);
      say(`  API docs: ${summary.url}/api/v1/openapi.json`);
      say(
        `  changelog: ${summary.changelog.url}   (public: what customers read, with Atom and JSON feeds)`,
      );
      say("Press Ctrl-C to stop.");
      const stop = async () => {
        await close();
        process.exit(0);
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
}

async function startOnFreePort(
  options: { home?: string; port?: string; once?: boolean },
  say: (line: string) => void,
) {
  const { runDemo } = await import("./demo-run.js");
  const wanted = options.port ? Number(options.port) : options.once ? 0 : 7070;
  try {
    return await runDemo({ home: options.home, port: wanted, say });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE" || options.port) throw error;
    say(`port ${wanted} is taken; using a free port instead`);
    return runDemo({ home: options.home, port: 0, say });
  }
}
