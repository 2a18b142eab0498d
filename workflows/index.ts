// The worker bundles this module: every workflow type the task queue serves is exported here.
export { platformProbe } from './probe';
