import { assert } from '../assert.ts';
import type { StateStore } from '../state/store.ts';
import type { Subtopology } from '../topology/subtopology.ts';

/** Fresh, empty stores for one task of `subtopology`; restore them before constructing the task. */
export function buildTaskStores(subtopology: Subtopology): Map<string, StateStore> {
  const stores = new Map<string, StateStore>();
  for (const builder of subtopology.storeBuilders) {
    const store = builder.build();
    assert(store.name === builder.name, `builder ${builder.name} built store ${store.name}`);
    stores.set(builder.name, store);
  }
  return stores;
}
