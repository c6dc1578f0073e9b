export {
  createFileTail,
  type FileTail,
  type FileTailOptions,
  type SourceLine,
} from "./file-tail.js";
export {
  createLogRules,
  type LogLine,
  type LogRules,
  type LogRulesOptions,
} from "./log-rules.js";
export { fingerprintOf, templateOf } from "./log-templates.js";
export {
  createLogsCheck,
  createPushBuffer,
  type LogLineSource,
  type PushBuffer,
} from "./logs-check.js";
export {
  LOKI_PUSH_MAX_BYTES,
  type LokiStream,
  PushRejectedError,
  parseLokiPush,
} from "./loki-push.js";
export { type LokiPushDeps, lokiPushRoute, pushSelectorMatches } from "./loki-push-routes.js";
export type { KnownPattern } from "./pattern-book.js";
export { createReleaseLogSource, type ReleaseLogSource } from "./release-log-source.js";
export { compileSafePattern } from "./safe-pattern.js";
