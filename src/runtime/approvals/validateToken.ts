import { compileSchemaAssert } from '../util/schema';
import { approvalTokenSchema } from './schema';
import type { ApprovalToken } from './types';

/** Throws `APPROVAL_INVALID` with `data.errors` = every bad field path. */
export const validateApprovalToken: (x: unknown) => asserts x is ApprovalToken = compileSchemaAssert<ApprovalToken>(
  approvalTokenSchema,
  'APPROVAL_INVALID',
  'approval token',
);
