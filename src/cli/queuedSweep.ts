// What `initlab sweep --queue` loads on top of a local sweep (BullMQ, ioredis), in one dynamic import.
export { parseQueueUrl } from '../experiments/sweep/queue/url.js';
export { runQueuedSweep } from '../experiments/sweep/queue/coordinator.js';
