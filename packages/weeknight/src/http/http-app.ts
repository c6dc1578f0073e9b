import fastifyCookie from "@fastify/cookie";
import fastifySwagger from "@fastify/swagger";
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { registerDashboard } from "./dashboard.js";
import { type Authenticator, registerAuth } from "./http-auth.js";
import { registerErrorHandler } from "./http-errors.js";

export type HttpApp = FastifyInstance;
export type ZodApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** A feature module's routes: registered under /api/v1 by the factory. */
export type RoutesPlugin = (app: ZodApp) => void;

/**
 * Routes whose bodies stay raw bytes (`request.body` is a Buffer): signatures are over the
 * exact bytes sent, so nothing may parse them first.
 */
export function rawBodyRoutes(app: ZodApp, register: (scoped: ZodApp) => void): void {
  app.register(async (scoped) => {
    scoped.removeAllContentTypeParsers();
    scoped.addContentTypeParser("*", { parseAs: "buffer" }, (_request, body, done) =>
      done(null, body),
    );
    register(scoped);
  });
}

export interface HttpAppDeps {
  authenticator: Authenticator;
  routes: RoutesPlugin[];
  /** Extra unauthenticated endpoints at the root (e.g. /metrics). */
  rootRoutes?: ((app: HttpApp) => void)[];
  version: string;
  logger?: boolean;
  /** Largest request body accepted (webhook payloads can be large). */
  bodyLimit?: number;
  /** The built dashboard served at / (default: this package's dist/web); null serves none. */
  dashboardDir?: string | null;
}

/** Builds the whole HTTP app without opening a socket, so tests can use `app.inject()`. */
export async function createHttpApp(deps: HttpAppDeps): Promise<HttpApp> {
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: deps.bodyLimit ?? 5 * 1024 * 1024,
    // Event streams never end on their own; shutting down must not wait for them.
    forceCloseConnections: true,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const page =
    deps.dashboardDir === null ? undefined : await registerDashboard(app, deps.dashboardDir);
  registerErrorHandler(app, page);
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: "Weeknight API",
        description:
          "Every weeknight, the last build that passed goes to production. Authenticate with `Authorization: Bearer <token>`.",
        version: deps.version,
      },
      components: {
        securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifyCookie);
  registerAuth(app, deps.authenticator);

  app.get("/healthz", { schema: { hide: true } }, async () => ({ status: "ok" }));
  for (const register of deps.rootRoutes ?? []) register(app);
  await app.register(
    async (api) => {
      const typed = api.withTypeProvider<ZodTypeProvider>();
      for (const register of deps.routes) register(typed);
      api.get("/openapi.json", { schema: { hide: true }, config: { role: "public" } }, async () =>
        app.swagger(),
      );
    },
    { prefix: "/api/v1" },
  );
  await app.ready();
  return app;
}
