/** What GET /api/v1/monitoring/processors answers, shared by the server and the monitoring page. */
export interface PartitionLag {
  readonly topic: string;
  readonly partition: number;
  readonly lag: number;
}

export interface InstanceStatus {
  readonly url: string;
  /** running (ready), restoring (up, restoring or catching up) or down (no answer). */
  readonly state: 'running' | 'restoring' | 'down';
  readonly recordsIn: number;
  /** Records consumed per second since the previous look; null on the first. */
  readonly throughputPerSecond: number | null;
  readonly lag: PartitionLag[];
  readonly dlqRecords: number;
  readonly lastCommitAt: string | null;
  readonly assignedTasks: number;
  readonly restoredRecords: number;
  readonly commits: number;
  readonly restarts: number;
  readonly error: string | null;
}

/** How often `npm start` / `npm test` restarted an app that exited on its own (scripts/dev/procs.ts). */
export interface SupervisorStatus {
  readonly restarts: number;
  readonly lastRestartAt: string | null;
  /** It crash-looped past the restart budget and stays down. */
  readonly gaveUp: boolean;
}

export interface ProcessorStatus {
  readonly app: string;
  readonly instances: InstanceStatus[];
  readonly instancesUp: number;
  /** Null where no supervisor records restarts (docker compose restarts containers itself). */
  readonly supervisor: SupervisorStatus | null;
}
