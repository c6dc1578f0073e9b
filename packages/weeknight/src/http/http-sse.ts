import type { FastifyReply, FastifyRequest } from "fastify";

export interface SseMessage {
  id?: number;
  type: string;
  data: unknown;
}

/**
 * Hijacks the reply into a Server-Sent-Events stream. `start` sends the backlog and
 * returns an unsubscribe function, called when the client goes away.
 */
export function streamSse(
  request: FastifyRequest,
  reply: FastifyReply,
  start: (send: (message: SseMessage) => void, end: () => void) => () => void,
): void {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    "Content-Type": "text/event-stream; charset=utf-8",
    "Cache-Control": "no-cache, no-transform",
    Connection: "keep-alive",
    "X-Accel-Buffering": "no",
  });
  res.write(": connected\n\n");
  let closed = false;
  const send = (message: SseMessage) => {
    if (closed) return;
    const id = message.id === undefined ? "" : `id: ${message.id}\n`;
    res.write(`${id}event: ${message.type}\ndata: ${JSON.stringify(message.data)}\n\n`);
  };
  const heartbeat = setInterval(() => res.write(": keep-alive\n\n"), 15_000);
  let stop = () => {};
  const end = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    stop();
    res.end();
  };
  request.raw.on("close", end);
  stop = start(send, end);
  if (closed) stop();
}
