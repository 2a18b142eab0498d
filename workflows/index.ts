// The worker bundles this module: every workflow type the task queue serves is exported here.
export { onboardingJourney } from './journey';
export { platformProbe } from './probe';
export { launchPromise } from './launch-promise';
