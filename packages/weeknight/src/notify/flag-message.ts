import type { NotifyEvent } from "../config/config-schema.js";

export type FlagEvent = Extract<NotifyEvent, `flag.${string}`>;

/** What the flags module tells a project's channels about one flag in one environment. */
export interface FlagNotice {
  project: string;
  /** The flag's key, e.g. `new-checkout`. */
  flag: string;
  /** The flag's type, e.g. `release`. */
  type: string;
  environment: string;
  /** One or two sentences, already saying what happened and what to do next. */
  message: string;
  /** Dashboard page of the flag. */
  url: string;
}

/** A notification about a flag rather than a build: it has no build, commits or authors. */
export interface FlagNotification {
  event: FlagEvent;
  project: string;
  flag: FlagNotice;
}

/** The `flag` object of a webhook payload. */
export interface FlagPayload {
  key: string;
  type: string;
  environment: string;
  message: string;
  url: string;
}

const subjects: Record<FlagEvent, (key: string) => string> = {
  "flag.stale": (key) => `flag ${key} is stale: delete it from the code`,
  "flag.ramp-paused": (key) => `ramp of flag ${key} paused`,
};

export function renderFlag(n: FlagNotification): { subject: string; text: string } {
  const { flag } = n;
  return {
    subject: `[weeknight] ${n.project} ${flag.environment}: ${subjects[n.event](flag.flag)}`,
    text: `${flag.message.trim()}\n\nFlag: ${flag.url}\n`,
  };
}

export function flagPayload(flag: FlagNotice): FlagPayload {
  return {
    key: flag.flag,
    type: flag.type,
    environment: flag.environment,
    message: flag.message,
    url: flag.url,
  };
}
