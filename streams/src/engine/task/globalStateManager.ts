import { assert } from '../assert.ts';
import type { StateStore } from '../state/store.ts';
import { GLOBAL_SUBTOPOLOGY_ID, type Subtopology } from '../topology/subtopology.ts';
import type { RecordCollector } from './collectors.ts';
import { StreamTask } from './streamTask.ts';

const NO_OUTPUT: RecordCollector = {
  send() {
    assert(false, 'global store processors must not produce records');
  },
};

/**
 * Keeps global stores (GlobalKTable) current from every partition of their
 * topics. The topic is the store's log, so nothing is changelogged: on start
 * the runtime replays each global topic from the beginning to its end offsets
 * before any StreamTask processes, then keeps feeding it as records arrive.
 */
export class GlobalStateManager {
  readonly stores: ReadonlyMap<string, StateStore>;
  readonly sourceTopics: readonly string[];
  private readonly task: StreamTask;

  constructor(subtopology: Subtopology, stores: ReadonlyMap<string, StateStore>, options: { appId: string }) {
    assert(subtopology.id === GLOBAL_SUBTOPOLOGY_ID, `sub-topology ${subtopology.id} is not the global one`);
    this.stores = stores;
    this.sourceTopics = subtopology.sourceTopics;
    const taskId = `${GLOBAL_SUBTOPOLOGY_ID}_0`;
    this.task = new StreamTask(taskId, subtopology, stores, NO_OUTPUT, null, { appId: options.appId, global: true });
  }

  /** Applies one record of any partition of a global topic. Errors as in StreamTask.process. */
  process(...record: Parameters<StreamTask['process']>): void {
    this.task.process(...record);
  }

  close(): void {
    this.task.close();
  }
}
