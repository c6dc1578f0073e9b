import createClient, { type Middleware } from "openapi-fetch";
import type { paths } from "./schema.js";

/** An API error as the server reports it: a stable code and a sentence that says what to do. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;
let onSignedOut: () => void = () => {};

/** Mutating requests echo the session's CSRF token; the cookie alone is not enough. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when the server answers 401: the session ended (signed out elsewhere, or expired). */
export function onUnauthenticated(handler: () => void): void {
  onSignedOut = handler;
}

const session: Middleware = {
  onRequest({ request }) {
    if (csrfToken && request.method !== "GET") request.headers.set("x-csrf-token", csrfToken);
    return request;
  },
  onResponse({ response, request }) {
    if (response.status === 401 && !request.url.endsWith("/auth/session")) onSignedOut();
    return response;
  },
};

// Paths in the schema are absolute (`/api/v1/...`); the page and the API share one origin.
export const api = createClient<paths>({ credentials: "same-origin" });
api.use(session);

/** Turns openapi-fetch's `{ data, error }` into data or a thrown ApiError, for React Query. */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok) return data as T;
  const body = (error ?? {}) as { error?: { code?: string; message?: string } };
  throw new ApiError(
    response.status,
    body.error?.code ?? `HTTP_${response.status}`,
    body.error?.message ?? `${response.status} ${response.statusText}`,
  );
}
