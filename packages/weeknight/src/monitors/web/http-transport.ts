import { TLSSocket } from "node:tls";
import { Agent, buildConnector, type Dispatcher } from "undici";

/**
 * The connection pool web checks share. Keep-alive makes 10,000 checks every 10 s cost requests,
 * not handshakes; undici gives each origin its own pool and honours the server's keep-alive hint.
 */
export interface HttpTransport {
  dispatcher: Dispatcher;
  /** When the certificate of each https origin's latest connection expires (epoch ms). */
  certificateExpiry(url: URL): number | undefined;
  close(): Promise<void>;
}

export interface HttpTransportOptions {
  /** Extra trusted certificate authorities (PEM), e.g. a private CA or a self-signed certificate. */
  ca?: string;
}

const KEEP_ALIVE_MS = 60_000;
const CONNECT_TIMEOUT_MS = 10_000;
/** Per origin: enough for thousands of checks a second, without a burst opening a socket each. */
const CONNECTIONS_PER_ORIGIN = 256;

export function createHttpTransport(options: HttpTransportOptions = {}): HttpTransport {
  const expiry = new Map<string, number>();
  const connector = buildConnector({
    timeout: CONNECT_TIMEOUT_MS,
    ...(options.ca === undefined ? {} : { ca: options.ca }),
  });
  // The peer certificate is only reachable at connect time: note its expiry per origin there.
  const connect: buildConnector.connector = (connectOptions, callback) => {
    connector(connectOptions, (error, socket) => {
      if (error !== null) {
        callback(error, null);
        return;
      }
      if (socket instanceof TLSSocket) {
        const validTo = Date.parse(socket.getPeerCertificate().valid_to ?? "");
        if (Number.isFinite(validTo)) {
          expiry.set(originKey(connectOptions.hostname, connectOptions.port), validTo);
        }
      }
      callback(null, socket);
    });
  };
  const dispatcher = new Agent({
    connect,
    connections: CONNECTIONS_PER_ORIGIN,
    keepAliveTimeout: KEEP_ALIVE_MS,
    keepAliveMaxTimeout: 10 * KEEP_ALIVE_MS,
  });
  return {
    dispatcher,
    certificateExpiry: (url) =>
      url.protocol === "https:" ? expiry.get(originKey(url.hostname, url.port)) : undefined,
    close: () => dispatcher.close(),
  };
}

/**
 * The pool a check uses: the shared one, or, with its own trusted CA (or none shared), one the
 * check owns and must close.
 */
export function transportFor(options: { ca?: string; transport?: HttpTransport }): {
  transport: HttpTransport;
  owned: boolean;
} {
  if (options.ca === undefined && options.transport !== undefined) {
    return { transport: options.transport, owned: false };
  }
  return {
    transport: createHttpTransport({ ...(options.ca === undefined ? {} : { ca: options.ca }) }),
    owned: true,
  };
}

function originKey(hostname: string, port: string): string {
  return `${hostname.replace(/^\[|\]$/g, "").toLowerCase()}:${port === "" ? "443" : port}`;
}
