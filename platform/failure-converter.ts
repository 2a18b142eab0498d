import { DefaultFailureConverter } from '@temporalio/common';

/**
 * Failure messages and stack traces moved into an encoded payload, where the encryption codec covers
 * them: a failure may quote personal data (a refused value, a driver error). Loaded by path by the
 * client, the worker and the workflow bundle alike (`failureConverterPath`).
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
