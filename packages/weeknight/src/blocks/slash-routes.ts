import { z } from "zod";
import type { Clock } from "../clock.js";
import {
  DomainError,
  InvalidInputError,
  NotFoundError,
  UnauthenticatedError,
} from "../errors/domain-errors.js";
import { type RoutesPlugin, rawBodyRoutes } from "../http/http-app.js";
import type { BlockService, BlockView } from "./block-service.js";
import {
  parseSlashText,
  SLASH_USAGE,
  type SlashAction,
  verifySlackSignature,
} from "./slash-command.js";

export const SLASH_SECRET_SETTING = "WEEKNIGHT_SLASH_SIGNING_SECRET";

const replySchema = z.object({
  response_type: z.enum(["in_channel", "ephemeral"]),
  text: z.string(),
});
type Reply = z.infer<typeof replySchema>;

/**
 * A Slack-style slash command (`/weeknight block shop/production support sees errors`),
 * verified with the Slack app's signing secret. Anyone in the workspace may block, as anyone
 * signed in to Weeknight may; they lift only what they placed themselves.
 */
export function slashRoutes(deps: {
  blocks: BlockService;
  signingSecret: () => string | undefined;
  clock: Clock;
}): RoutesPlugin {
  return (app) => {
    rawBodyRoutes(app, (scoped) => {
      scoped.post(
        "/integrations/slash",
        {
          config: { role: "public" },
          schema: {
            summary: "Slack-style slash command: block, unblock, status (signed like Slack)",
            tags: ["blocks"],
            security: [],
            response: { 200: replySchema },
          },
        },
        async (request) => {
          const secret = deps.signingSecret();
          if (!secret) {
            throw new NotFoundError(
              `slash commands are off: set ${SLASH_SECRET_SETTING} to the Slack app's Signing Secret and restart the server`,
            );
          }
          const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
          const header = (name: string) => {
            const value = request.headers[name];
            return Array.isArray(value) ? value[0] : value;
          };
          const check = verifySlackSignature({
            secret,
            timestamp: header("x-slack-request-timestamp"),
            signature: header("x-slack-signature"),
            body,
            now: deps.clock.now(),
          });
          if (!check.ok) throw new UnauthenticatedError(check.message, { reason: check.reason });
          const form = new URLSearchParams(body.toString("utf8"));
          const user = form.get("user_name")?.trim();
          if (!user) throw new InvalidInputError("the slash command has no user_name field");
          const command = form.get("command") || "/weeknight";
          try {
            const action = parseSlashText(unescapeSlack(form.get("text") ?? ""));
            return await run(deps.blocks, action, `slack:${user}`, command);
          } catch (error) {
            // Slack shows a reply's text, not an HTTP error: say what went wrong to its author.
            if (error instanceof DomainError) return ephemeral(escapeSlack(error.message));
            throw error;
          }
        },
      );
    });
  };
}

async function run(
  blocks: BlockService,
  action: SlashAction,
  actor: string,
  command: string,
): Promise<Reply> {
  switch (action.action) {
    case "help":
      return ephemeral(
        `Stop deploys for a while, with a reason:\n\`\`\`\n${escapeSlack(SLASH_USAGE.map((u) => `${command} ${u}`).join("\n"))}\n\`\`\``,
      );
    case "block": {
      const block = await blocks.place({
        project: action.project,
        environment: action.environment,
        reason: action.reason,
        for: action.for ?? undefined,
        by: actor,
      });
      return {
        response_type: "in_channel",
        text:
          `:no_entry: ${escapeSlack(actor)} blocked deploys to ${target(block)} ${until(block)}: ${escapeSlack(block.reason)} (block ${block.id}).\n` +
          `Lift it with \`${command} unblock ${targetArg(block)}\`.`,
      };
    }
    case "unblock": {
      const mine = (await blocks.active(action.project)).find(
        (b) => b.environment === action.environment && b.createdBy === actor,
      );
      if (!mine) {
        const where = action.environment
          ? `${action.project}/${action.environment}`
          : action.project;
        return ephemeral(
          `You have no block in force on ${where}, so there is nothing of yours to lift. ` +
            "A block someone else placed is lifted by them, or by a deployer in Weeknight " +
            `(\`weeknight unblock <id>\`); \`${command} status ${action.project}\` lists them.`,
        );
      }
      const lifted = await blocks.lift(mine.id, { by: actor, mayLiftAny: false });
      return {
        response_type: "in_channel",
        text: `:white_check_mark: ${escapeSlack(actor)} lifted block ${lifted.id} on ${target(lifted)}: deploys may go again (it said: ${escapeSlack(lifted.reason)}).`,
      };
    }
    case "status": {
      const active = await blocks.active(action.project ?? undefined);
      const scope = action.project ? ` on ${action.project}` : "";
      if (active.length === 0)
        return ephemeral(`No blocks in force${scope}: deploys go as planned.`);
      const lines = active.map(
        (b) =>
          `• ${target(b)}${what(b)}: ${escapeSlack(b.reason)} — ${escapeSlack(b.createdBy)}, ${until(b)} (block ${b.id})`,
      );
      return ephemeral(
        `${active.length} block${active.length === 1 ? "" : "s"} in force${scope}:\n${lines.join("\n")}`,
      );
    }
  }
}

const ephemeral = (text: string): Reply => ({ response_type: "ephemeral", text });

function target(block: BlockView): string {
  return block.environment
    ? `*${block.project}/${block.environment}*`
    : `*${block.project}* (every environment)`;
}

function targetArg(block: BlockView): string {
  return block.environment ? `${block.project}/${block.environment}` : block.project;
}

function what(block: BlockView): string {
  if (block.buildId !== null) return ` (build #${block.buildId} only)`;
  if (block.sha !== null) return ` (commit ${block.sha.slice(0, 7)} only)`;
  return "";
}

/** Slack shows `<!date^…>` in each reader's own time zone; the fallback is UTC. */
function until(block: BlockView): string {
  if (block.expiresAt === null) return "until lifted";
  const seconds = Math.floor(block.expiresAt / 1000);
  const iso = new Date(block.expiresAt).toISOString();
  return `until <!date^${seconds}^{date_short_pretty} {time}|${iso}>`;
}

/** Slack escapes these three in what users type, and wants them escaped in replies. */
function escapeSlack(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

function unescapeSlack(text: string): string {
  return text.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");
}
