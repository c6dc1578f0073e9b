/** Web-site monitoring: HTTP checks, journeys and real-browser checks, judged by conditions. */
export { createBrowserCheck } from "./browser-check.js";
export { type BrowserHost, createBrowserHost } from "./browser-host.js";
export {
  type Condition,
  type ConditionResult,
  evaluateCondition,
  parseCondition,
  type ResponseFacts,
} from "./conditions.js";
export { createHttpCheck } from "./http-check.js";
export { createHttpTransport, type HttpTransport } from "./http-transport.js";
export { createJourneyCheck } from "./journey-check.js";
export {
  createWebCheck,
  createWebCheckResources,
  type WebCheckOptions,
  type WebCheckResources,
  type WebMonitorConfig,
} from "./web-check.js";
