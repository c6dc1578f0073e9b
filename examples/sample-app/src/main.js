import { createServer } from "./server.js";

const port = Number(process.env.PORT ?? 3000);
const server = createServer();

server.listen(port, () => {
  const address = server.address();
  const actual = address && typeof address === "object" ? address.port : port;
  console.log(`sample-app ${process.env.RELEASE_ID ?? "dev"} listening on port ${actual}`);
});

// Weeknight's agent stops a release with SIGTERM: finish in-flight requests, then exit,
// so a deploy or rollback never cuts a response in half.
process.once("SIGTERM", () => {
  console.log("SIGTERM received, closing");
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  // Do not outlive the agent's kill grace if a client holds a connection open.
  setTimeout(() => process.exit(0), 3000).unref();
});
