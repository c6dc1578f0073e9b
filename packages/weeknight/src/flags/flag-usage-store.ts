/** Evaluation counts of one flag (variant '' = the flag's yes/no) in one hour. */
export interface EvaluationCount {
  flagKey: string;
  variant: string;
  /** Epoch ms at the start of the hour. */
  hour: number;
  yes: number;
  no: number;
}

/** An SDK instance that registered or reported. */
export interface FlagClient {
  environment: string;
  appName: string;
  instanceId: string;
  sdkVersion: string;
  startedAt: number;
  lastSeenAt: number;
}

export interface FlagUsageStore {
  /** Adds to the hour's counts (creating them). */
  add(projectId: number, environment: string, counts: EvaluationCount[]): Promise<void>;
  counts(filter: {
    projectId: number;
    environment?: string;
    flagKey?: string;
    since: number;
  }): Promise<(EvaluationCount & { environment: string })[]>;
  seen(projectId: number, client: FlagClient): Promise<void>;
  clients(projectId: number, since: number): Promise<FlagClient[]>;
}
