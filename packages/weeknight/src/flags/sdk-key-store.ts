/** A key an SDK uses to read one environment's flags; only its hash is stored. */
export interface SdkKey {
  id: number;
  projectId: number;
  environment: string;
  name: string;
  /** The first characters, to tell keys apart. */
  prefix: string;
  createdBy: string;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

export interface SdkKeyStore {
  create(
    key: Omit<SdkKey, "id" | "lastUsedAt" | "revokedAt"> & { tokenHash: string },
  ): Promise<SdkKey>;
  byHash(tokenHash: string): Promise<SdkKey | null>;
  list(projectId: number): Promise<SdkKey[]>;
  /** Null when there is no such key in the project or it was already revoked. */
  revoke(projectId: number, id: number, at: number): Promise<SdkKey | null>;
  touch(id: number, at: number): Promise<void>;
}
