import { createMemoryStore } from '../../../core/testing/memory-store.js';
import { storeContract } from '../contract/index.js';

storeContract('memory', async () => {
  const store = createMemoryStore();
  return { store, dispose: () => store.close() };
});
