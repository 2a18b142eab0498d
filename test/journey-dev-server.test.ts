import { describeWholeJourneys } from './support/whole-journeys';

// Whole journeys on a real Temporal dev server; test/journey-cluster.test.ts runs the same on the cluster.
describeWholeJourneys('dev', { replayEveryTask: true });
